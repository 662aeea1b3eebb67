import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { PLATFORM_CONFIG_KEY } from "@personalize-ab/domain";
import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";
import { beforeAll, describe, expect, it } from "vitest";
import { publishPopularItems } from "../src/platform-config-record";

describe("publishPopularItems on DynamoDB Local", () => {
  let client: DynamoDBDocumentClient;
  let table: string;

  beforeAll(async () => {
    const context = await createTestTables();
    client = DynamoDBDocumentClient.from(context.client);
    table = context.tables.experiments;
  });

  const read = async () =>
    (await client.send(new GetCommand({ TableName: table, Key: { TestName: PLATFORM_CONFIG_KEY } }))).Item;

  it("creates the platform config record when there is none", async () => {
    await publishPopularItems(client, table, ["item_00002", "item_00001"], new Date("2026-01-01T00:00:00Z"));
    expect(await read()).toEqual({
      TestName: PLATFORM_CONFIG_KEY,
      PopularItems: ["item_00002", "item_00001"],
      UpdatedAt: "2026-01-01T00:00:00.000Z",
    });
  });

  it("replaces the popular items but keeps a tracking id written by someone else", async () => {
    await client.send(
      new PutCommand({
        TableName: table,
        Item: { TestName: PLATFORM_CONFIG_KEY, TrackingId: "tracker-1", PopularItems: ["old"] },
      }),
    );
    await publishPopularItems(client, table, ["item_00009"], new Date("2026-01-02T00:00:00Z"));
    const stored = await read();
    expect(stored).toEqual({
      TestName: PLATFORM_CONFIG_KEY,
      TrackingId: "tracker-1",
      PopularItems: ["item_00009"],
      UpdatedAt: "2026-01-02T00:00:00.000Z",
    });
  });

  it("refuses a list the serving config could not read, and leaves the record as it was", async () => {
    const before = await read();
    await expect(publishPopularItems(client, table, [""])).rejects.toThrow("must not be empty");
    await expect(publishPopularItems(client, table, Array(501).fill("item"))).rejects.toThrow();
    expect(await read()).toEqual(before);
  });
});
