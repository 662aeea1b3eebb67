import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ENV } from "@personalize-ab/domain";
import { awsClientConfig } from "../aws-client-config";

/** The document client every repository uses; DYNAMODB_ENDPOINT points it at DynamoDB Local. */
export function createDocumentClient(env: NodeJS.ProcessEnv = process.env): DynamoDBDocumentClient {
  const client = new DynamoDBClient({ ...awsClientConfig(ENV.dynamodbEndpoint, env), maxAttempts: 3 });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}
