import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { STREAM_FUNCTIONS, type StreamFunctionKey } from "@personalize-ab/domain";
import {
  createCatalogTables,
  localDynamoDbClient,
  type RunningDynamoDbLocal,
  startDynamoDbLocal,
  type TableNames,
} from "@personalize-ab/dynamodb-local";
import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStreamConsumers } from "../src/stream-consumers";

let dynamodb: RunningDynamoDbLocal;
let tables: TableNames;
beforeAll(async () => {
  dynamodb = await startDynamoDbLocal();
  tables = await createCatalogTables(localDynamoDbClient(dynamodb.endpoint), "consumers");
});
afterAll(async () => {
  await dynamodb?.stop();
});

async function put(table: string, userId: string, sortKey: [name: string, value: string]) {
  await localDynamoDbClient(dynamodb.endpoint).send(
    new PutItemCommand({
      TableName: table,
      Item: { UserId: { S: userId }, [sortKey[0]]: { S: sortKey[1] } },
    }),
  );
}

describe("the platform's stream consumers", () => {
  it("feed every catalog stream function the records of each of its source tables, and resume after a pause", async () => {
    const received: DynamoDBRecord[] = [];
    const handler = async (event: DynamoDBStreamEvent) => {
      received.push(...event.Records);
    };
    const handlers = Object.fromEntries(Object.keys(STREAM_FUNCTIONS).map((key) => [key, handler])) as Record<
      StreamFunctionKey,
      typeof handler
    >;
    const consumers = await startStreamConsumers(handlers, { dynamodbEndpoint: dynamodb.endpoint, tables });
    try {
      await put(tables.assignments, "u1", ["TestName", "homepage"]);
      await put(tables.events, "u1", ["EventId", "e1"]);
      await consumers.caughtUp();
      await consumers.pause();
      await put(tables.events, "u1", ["EventId", "e2"]);
      await consumers.resume();
      await consumers.caughtUp();
    } finally {
      await consumers.stop();
    }
    const sources = STREAM_FUNCTIONS.experimentCounters.streams.map((source) => tables[source.table]);
    const tableOf = (record: DynamoDBRecord) =>
      /:table\/([^/]+)\/stream\//.exec(record.eventSourceARN ?? "")?.[1];
    expect(
      received.map((record) => [tableOf(record), record.dynamodb?.Keys?.EventId?.S ?? "assignment"]),
    ).toEqual(
      expect.arrayContaining([
        [tables.assignments, "assignment"],
        [tables.events, "e1"],
        [tables.events, "e2"],
      ]),
    );
    expect(received).toHaveLength(3);
    expect(new Set(received.map(tableOf))).toEqual(new Set(sources));
  });
});
