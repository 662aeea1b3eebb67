import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { localDynamoDbClient } from "@personalize-ab/dynamodb-local";
import type { HealthCheck } from "./gateway/health";

/** DynamoDB is reachable when it describes a catalog table (the one every request touches). */
export function dynamoDbHealthCheck(endpoint: string, tableName: string): HealthCheck {
  const client = localDynamoDbClient(endpoint);
  return async (signal) => {
    await client.send(new DescribeTableCommand({ TableName: tableName }), { abortSignal: signal });
  };
}

/** The recommender is reachable when its HTTP endpoint answers at all. */
export function recommenderHealthCheck(endpoint: string): HealthCheck {
  return async (signal) => {
    const response = await fetch(endpoint, { method: "GET", signal });
    await response.body?.cancel();
  };
}
