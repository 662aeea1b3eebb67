import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ENV } from "@personalize-ab/domain";
import { createAwsClient } from "../clients/aws-client";
import { CLIENT_BUDGETS, type ClientBudget } from "../clients/client-budgets";

/**
 * The DynamoDB budget, with DYNAMODB_TIMEOUT_MS in place of the request timeout when set (in `env`,
 * else in the process environment: callers pass `env` for endpoint overrides alone).
 */
export function dynamodbBudget(env: NodeJS.ProcessEnv = process.env): ClientBudget {
  const ms = Number(env[ENV.dynamodbTimeoutMs] ?? process.env[ENV.dynamodbTimeoutMs]);
  if (!Number.isFinite(ms) || ms <= 0) return CLIENT_BUDGETS.dynamodb;
  return { ...CLIENT_BUDGETS.dynamodb, requestTimeoutMs: ms, connectionTimeoutMs: Math.max(ms / 2, 100) };
}

/** The document client every repository uses; DYNAMODB_ENDPOINT points it at DynamoDB Local. */
export function createDocumentClient(env: NodeJS.ProcessEnv = process.env): DynamoDBDocumentClient {
  // Traced below the document client: it shares this client's middleware stack.
  const client = createAwsClient(DynamoDBClient, dynamodbBudget(env), {
    endpointVar: ENV.dynamodbEndpoint,
    env,
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}
