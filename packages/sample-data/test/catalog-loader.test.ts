import { GetItemCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import { type BatchWriteCommandInput, DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../src/catalog-loader";
import { generateSampleData } from "../src/generate-sample-data";

const data = generateSampleData();

async function countItems(client: DynamoDBDocumentClient, table: string): Promise<number> {
  let count = 0;
  let ExclusiveStartKey: Record<string, never> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, Select: "COUNT", ExclusiveStartKey }));
    count += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey as typeof ExclusiveStartKey;
  } while (ExclusiveStartKey);
  return count;
}

describe("loadCatalog on DynamoDB Local", () => {
  let context: Awaited<ReturnType<typeof createTestTables>>;
  let client: DynamoDBDocumentClient;
  let lines: string[];

  beforeAll(async () => {
    context = await createTestTables();
    client = DynamoDBDocumentClient.from(context.client);
    lines = [];
    const result = await loadCatalog(
      client,
      { usersTable: context.tables.users, itemsTable: context.tables.items },
      data,
      { concurrency: 4, progress: { write: (text: string) => lines.push(text), isTTY: false } },
    );
    expect(result.users.written).toBe(1000);
    expect(result.items.written).toBe(2000);
  });

  it("lands all 1,000 users and 2,000 items", async () => {
    expect(await countItems(client, context.tables.users)).toBe(1000);
    expect(await countItems(client, context.tables.items)).toBe(2000);
  });

  it("stores the recipe loader's attributes, Age and Price as numbers", async () => {
    const user = data.users[1]!;
    const storedUser = await context.client.send(
      new GetItemCommand({ TableName: context.tables.users, Key: { UserId: { S: user.userId } } }),
    );
    expect(storedUser.Item).toEqual({
      UserId: { S: user.userId },
      Age: { N: String(user.age) },
      Gender: { S: user.gender },
      SubscriptionType: { S: user.subscriptionType },
    });
    const item = data.items[1]!;
    const storedItem = await context.client.send(
      new GetItemCommand({ TableName: context.tables.items, Key: { ItemId: { S: item.itemId } } }),
    );
    expect(storedItem.Item).toEqual({
      ItemId: { S: item.itemId },
      Category: { S: item.category },
      Price: { N: String(item.price) },
      Brand: { S: item.brand },
      CreationDate: { S: new Date(item.creationTimestamp * 1000).toISOString().slice(0, 10) },
    });
  });

  it("reports progress as plain lines when not on a terminal, ending at 100%", () => {
    expect(lines.every((line) => line.endsWith("\n") && !line.includes("\r"))).toBe(true);
    expect(lines).toContain("users: 1000/1000 (100%)\n");
    expect(lines).toContain("items: 2000/2000 (100%)\n");
  });

  it("loads again over the same records without error (a rerun is idempotent)", async () => {
    await loadCatalog(
      client,
      { usersTable: context.tables.users, itemsTable: context.tables.items },
      { users: data.users.slice(0, 30), items: data.items.slice(0, 30) },
      { progress: null },
    );
    expect(await countItems(client, context.tables.users)).toBe(1000);
  });

  it("still lands every record when DynamoDB leaves part of each first batch unprocessed", async () => {
    const fresh = await createTestTables();
    const throttled = DynamoDBDocumentClient.from(fresh.client);
    // Like throttling: the first try of each batch writes only its first 20 puts and hands the rest back.
    const firstTries = new Set<string>();
    const heldBack: unknown[] = [];
    throttled.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as BatchWriteCommandInput;
        const [[table, requests]] = Object.entries(input.RequestItems ?? {}) as [[string, unknown[]]];
        const firstKey = JSON.stringify(requests[0]);
        if (requests.length <= 20 || firstTries.has(firstKey)) return next(args);
        firstTries.add(firstKey);
        const rest = requests.slice(20);
        heldBack.push(...rest);
        const result = await next({
          ...args,
          input: { ...input, RequestItems: { [table]: requests.slice(0, 20) } },
        });
        (result.output as { UnprocessedItems?: unknown }).UnprocessedItems = { [table]: rest };
        return result;
      },
      { step: "initialize", name: "leaveItemsUnprocessed" },
    );
    const result = await loadCatalog(
      throttled,
      { usersTable: fresh.tables.users, itemsTable: fresh.tables.items },
      data,
      { progress: null, backoff: { minDelayMs: 1 } },
    );
    expect(result.users).toEqual({ written: 1000, retries: 40 });
    expect(result.items).toEqual({ written: 2000, retries: 80 });
    expect(heldBack).toHaveLength(120 * 5);
    expect(await countItems(client, fresh.tables.users)).toBe(1000);
    expect(await countItems(client, fresh.tables.items)).toBe(2000);
  });
});
