import { DynamoDBClient } from "@aws-sdk/client-dynamodb";

/** A client for DynamoDB Local; it accepts any credentials, but the SDK insists on having some. */
export function localDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
}
