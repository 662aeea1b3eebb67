import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { localDynamoDbClient } from "@personalize-ab/dynamodb-local";
import { type HealthCheck, HealthProblem } from "./gateway/health";

/**
 * DynamoDB is reachable when it describes a catalog table (the one every request touches);
 * `gone` says why it is known to be down (its process died), which no probe could tell.
 */
export function dynamoDbHealthCheck(
  endpoint: string,
  tableName: string,
  gone: () => string | undefined = () => undefined,
): HealthCheck {
  const client = localDynamoDbClient(endpoint);
  return async (signal) => {
    const problem = gone();
    if (problem) throw new HealthProblem(problem);
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
