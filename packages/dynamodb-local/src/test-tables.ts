import { randomUUID } from "node:crypto";
import { ENV } from "@personalize-ab/domain";
import { inject } from "vitest";
import { localDynamoDbClient } from "./client";
import { createCatalogTables, tableEnvironment } from "./tables";
import "./provided-context";

/**
 * Fresh catalog tables under a unique prefix on the run's DynamoDB Local, so test files never see
 * each other's data. Needs `@personalize-ab/dynamodb-local/vitest-global-setup` as globalSetup.
 */
export async function createTestTables() {
  const endpoint = inject("dynamodbEndpoint");
  const client = localDynamoDbClient(endpoint);
  const prefix = `t${randomUUID().slice(0, 8)}`;
  const tables = await createCatalogTables(client, prefix);
  return {
    endpoint,
    client,
    prefix,
    tables,
    env: { ...tableEnvironment(tables), [ENV.dynamodbEndpoint]: endpoint },
  };
}
