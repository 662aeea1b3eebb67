import { GetItemCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
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
});
