import { DeleteItemCommand, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";
import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { afterEach } from "vitest";
import { type StreamRunner, type StreamRunnerOptions, startStreamRunner } from "../src";

/** Fresh catalog tables; the events table is the catalog's table with a stream. */
export async function streamTable() {
  const { client, endpoint, tables } = await createTestTables();
  const table = tables.events;
  return {
    endpoint,
    table,
    /** Writes events one after the other, so their stream order is their write order. */
    async put(...keys: [userId: string, eventId: string][]) {
      for (const [userId, eventId] of keys) {
        await client.send(
          new PutItemCommand({
            TableName: table,
            Item: { UserId: { S: userId }, EventId: { S: eventId }, Payload: { B: Buffer.from(eventId) } },
          }),
        );
      }
    },
    async modify(userId: string, eventId: string) {
      await client.send(
        new UpdateItemCommand({
          TableName: table,
          Key: { UserId: { S: userId }, EventId: { S: eventId } },
          UpdateExpression: "SET Forwarded = :yes",
          ExpressionAttributeValues: { ":yes": { BOOL: true } },
        }),
      );
    },
    async remove(userId: string, eventId: string) {
      await client.send(
        new DeleteItemCommand({ TableName: table, Key: { UserId: { S: userId }, EventId: { S: eventId } } }),
      );
    },
  };
}

/** Every batch a handler was invoked with, in invocation order. */
export function recordingHandler(
  answer: (event: DynamoDBStreamEvent, invocation: number) => unknown = () => undefined,
) {
  const invocations: DynamoDBRecord[][] = [];
  const handler = async (event: DynamoDBStreamEvent) => {
    invocations.push(event.Records);
    return answer(event, invocations.length) as never;
  };
  return { handler, invocations };
}

export const eventIdOf = (record: DynamoDBRecord) => record.dynamodb?.Keys?.EventId?.S ?? "";
export const sequenceOf = (record: DynamoDBRecord) => record.dynamodb?.SequenceNumber ?? "";

const started: StreamRunner[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((runner) => runner.stop()));
});

/** A runner stopped after the test, quiet unless a test listens for its faults, polling briskly. */
export async function runner(options: StreamRunnerOptions): Promise<StreamRunner> {
  const running = await startStreamRunner({
    pollIntervalMs: 50,
    retryDelayMs: 10,
    reportError: () => undefined,
    ...options,
  });
  started.push(running);
  return running;
}
