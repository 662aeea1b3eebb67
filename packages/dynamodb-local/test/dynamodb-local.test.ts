import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  GetItemCommand,
  PutItemCommand,
} from "@aws-sdk/client-dynamodb";
import { TABLES } from "@personalize-ab/domain";
import { describe, expect, it } from "vitest";
import { localDynamoDbClient } from "../src/client";
import { processesMatching } from "../src/processes";
import { startDynamoDbLocal } from "../src/start";
import { createCatalogTables } from "../src/tables";
import { createTestTables } from "../src/test-tables";

function javaProcessesOn(port: number): number[] {
  return processesMatching(`DynamoDBLocal.jar.*-port ${port}( |$)`);
}

describe("DynamoDB Local harness", () => {
  it("creates every catalog table with its keys, indexes, stream and TTL", async () => {
    const { client, tables } = await createTestTables();
    const events = (await client.send(new DescribeTableCommand({ TableName: tables.events }))).Table!;
    expect(events.KeySchema).toEqual([
      { AttributeName: "UserId", KeyType: "HASH" },
      { AttributeName: "EventId", KeyType: "RANGE" },
    ]);
    expect(events.LocalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(["UserTimeIndex"]);
    expect(events.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(["PendingReplayIndex"]);
    expect(events.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: "NEW_IMAGE" });
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tables.events }));
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe(TABLES.events.ttlAttribute);

    const items = (await client.send(new DescribeTableCommand({ TableName: tables.items }))).Table!;
    expect(items.GlobalSecondaryIndexes?.[0]?.IndexName).toBe("CategoryIndex");
    expect(items.BillingModeSummary?.BillingMode).toBe("PAY_PER_REQUEST");
    expect(Object.keys(tables).sort()).toEqual(Object.keys(TABLES).sort());
  });

  it("is idempotent: creating the tables twice keeps the data", async () => {
    const { client, prefix, tables } = await createTestTables();
    await client.send(new PutItemCommand({ TableName: tables.users, Item: { UserId: { S: "u1" } } }));
    await createCatalogTables(client, prefix);
    const got = await client.send(
      new GetItemCommand({ TableName: tables.users, Key: { UserId: { S: "u1" } } }),
    );
    expect(got.Item?.UserId?.S).toBe("u1");
  });

  it("starts a second server, persists to disk when asked, and leaves no process behind", async () => {
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dataDir = mkdtempSync(join(tmpdir(), "ddb-"));
    const first = await startDynamoDbLocal({ dataDir });
    await createCatalogTables(localDynamoDbClient(first.endpoint), "keep");
    await localDynamoDbClient(first.endpoint).send(
      new PutItemCommand({ TableName: "keep-users", Item: { UserId: { S: "kept" } } }),
    );
    expect(javaProcessesOn(first.port)).toHaveLength(1);
    await first.stop();
    expect(javaProcessesOn(first.port)).toEqual([]);

    const second = await startDynamoDbLocal({ dataDir });
    const got = await localDynamoDbClient(second.endpoint).send(
      new GetItemCommand({ TableName: "keep-users", Key: { UserId: { S: "kept" } } }),
    );
    await second.stop();
    expect(got.Item?.UserId?.S).toBe("kept");
  });
});

describe("a DynamoDB Local that dies", () => {
  it("reports how it ended when killed, and nothing when stopped", async () => {
    const killed = await startDynamoDbLocal();
    try {
      process.kill(killed.pid, "SIGKILL");
      expect(await killed.died).toMatchObject({ code: null, signal: "SIGKILL" });
    } finally {
      await killed.stop();
    }
    expect(javaProcessesOn(killed.port)).toEqual([]);

    const stopped = await startDynamoDbLocal();
    await stopped.stop();
    const outcome = await Promise.race([
      stopped.died,
      new Promise((resolve) => setTimeout(resolve, 500, "quiet")),
    ]);
    expect(outcome).toBe("quiet");
  });
});
