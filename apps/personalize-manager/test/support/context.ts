import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { PersonalizeClient } from "@aws-sdk/client-personalize";
import { S3Client } from "@aws-sdk/client-s3";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { expect } from "vitest";
import type { ManagerContext } from "../../src/context";
import { dispatch } from "../../src/dispatch";

export const FIXED_NOW = new Date("2026-11-25T12:00:00.000Z");

const credentials = { accessKeyId: "test", secretAccessKey: "test" };

/** A context whose clients are either mocked by aws-sdk-client-mock or pointed at DynamoDB Local. */
export function testContext(
  options: { settings?: Record<string, string>; dynamo?: DynamoDBDocumentClient } = {},
): ManagerContext {
  return {
    personalize: new PersonalizeClient({ region: "us-east-1", credentials }),
    s3: new S3Client({ region: "us-east-1", credentials }),
    dynamo:
      options.dynamo ?? DynamoDBDocumentClient.from(new DynamoDBClient({ region: "us-east-1", credentials })),
    settings: options.settings ?? {},
    now: () => FIXED_NOW,
  };
}

/** Runs an action through the real dispatcher and returns the parsed body. */
export async function run(
  payload: Record<string, unknown>,
  context: ManagerContext = testContext(),
): Promise<Record<string, unknown>> {
  const response = await dispatch(payload, context, "request-1");
  expect(response.statusCode).toBe(200);
  return JSON.parse(response.body) as Record<string, unknown>;
}

/** Runs an action that must fail and returns the thrown error. */
export async function runFailing(
  payload: Record<string, unknown>,
  context: ManagerContext = testContext(),
): Promise<Error> {
  try {
    await dispatch(payload, context, "request-1");
  } catch (error) {
    return error as Error;
  }
  throw new Error(`${String(payload.action)} unexpectedly succeeded`);
}
