import type { TestProject } from "vitest/node";
import { startDynamoDbLocal } from "./start";
import "./provided-context";

/** One DynamoDB Local per test run, shared by every test file; stopped when the run ends. */
export default async function setup(project: TestProject) {
  const dynamodb = await startDynamoDbLocal();
  project.provide("dynamodbEndpoint", dynamodb.endpoint);
  return () => dynamodb.stop();
}
