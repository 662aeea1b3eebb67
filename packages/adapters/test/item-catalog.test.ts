import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  type DynamoDBDocumentClientResolvedConfig,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from "@aws-sdk/lib-dynamodb";
import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";
import { type AwsStub, mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient } from "../src/dynamodb/document-client";
import { ItemCatalog } from "../src/dynamodb/item-catalog";

const id = (n: number) => `item_${String(n).padStart(5, "0")}`;

describe("ItemCatalog on DynamoDB Local", () => {
  let catalog: ItemCatalog;

  beforeAll(async () => {
    const { env, tables } = await createTestTables();
    const documents = createDocumentClient(env);
    const items = Array.from({ length: 250 }, (_, n) => ({
      ItemId: id(n),
      Category: `cat-${n % 7}`,
      Price: n + 0.5,
      Brand: `brand-${n % 3}`,
    }));
    items.push({ ItemId: "bare" } as (typeof items)[number]);
    for (let i = 0; i < items.length; i += 25) {
      await documents.send(
        new BatchWriteCommand({
          RequestItems: { [tables.items]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
        }),
      );
    }
    catalog = new ItemCatalog(documents, tables.items);
  });

  it("reads more than 100 ids (several BatchGetItem chunks) and leaves unknown ids out", async () => {
    const wanted = [...Array.from({ length: 240 }, (_, n) => id(249 - n)), "nope-1", "nope-2"];
    const found = await catalog.findMany(wanted);
    expect(found.size).toBe(240);
    expect(found.get(id(249))).toEqual({ category: "cat-4", price: 249.5, brand: "brand-0" });
    expect(found.get(id(10))).toEqual({ category: "cat-3", price: 10.5, brand: "brand-1" });
    expect(found.has("nope-1")).toBe(false);
  });

  it("reads a repeated id once and gives missing attributes as null", async () => {
    const found = await catalog.findMany(["bare", "bare", id(1)]);
    expect(found.get("bare")).toEqual({ category: null, price: null, brand: null });
    expect(found.get(id(1))).toEqual({ category: "cat-1", price: 1.5, brand: "brand-1" });
  });
});

describe("ItemCatalog retrying UnprocessedKeys", () => {
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: "us-east-1" }));
  // Mocked only here: the tests above reach DynamoDB Local through the same class.
  let mock: AwsStub<ServiceInputTypes, ServiceOutputTypes, DynamoDBDocumentClientResolvedConfig>;
  beforeAll(() => {
    mock = mockClient(DynamoDBDocumentClient);
  });
  afterAll(() => mock.restore());

  it("asks again for exactly the unprocessed keys, after a backoff, until none are left", async () => {
    mock.reset();
    mock
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { items: [{ ItemId: "a", Category: "c", Price: 1, Brand: "b" }] },
        UnprocessedKeys: { items: { Keys: [{ ItemId: "b" }, { ItemId: "c" }] } },
      })
      .resolvesOnce({
        Responses: { items: [{ ItemId: "c", Category: "c", Price: 3, Brand: "b" }] },
        UnprocessedKeys: { items: { Keys: [{ ItemId: "b" }] } },
      })
      .resolvesOnce({ Responses: { items: [{ ItemId: "b", Category: "c", Price: 2, Brand: "b" }] } });
    const sleeps: number[] = [];
    const catalog = new ItemCatalog(documents, "items", { minDelayMs: 1, onRetry: (ms) => sleeps.push(ms) });

    const found = await catalog.findMany(["a", "b", "c"]);

    expect(mock.commandCalls(BatchGetCommand).map((call) => call.args[0].input)).toEqual([
      {
        RequestItems: { items: { Keys: [{ ItemId: "a" }, { ItemId: "b" }, { ItemId: "c" }] } },
      },
      { RequestItems: { items: { Keys: [{ ItemId: "b" }, { ItemId: "c" }] } } },
      { RequestItems: { items: { Keys: [{ ItemId: "b" }] } } },
    ]);
    expect(sleeps).toHaveLength(2);
    expect([...found.keys()].sort()).toEqual(["a", "b", "c"]);
  });

  it("splits 230 ids into BatchGetItem calls of 100, 100 and 30", async () => {
    mock.reset();
    mock.on(BatchGetCommand).resolves({ Responses: { items: [] } });
    const catalog = new ItemCatalog(documents, "items");
    await catalog.findMany(Array.from({ length: 230 }, (_, n) => id(n)));
    const sizes = mock
      .commandCalls(BatchGetCommand)
      .map((call) => call.args[0].input.RequestItems?.items?.Keys?.length);
    expect(sizes).toEqual([100, 100, 30]);
  });

  it("gives up with an error, never a silent gap, when keys stay unprocessed", async () => {
    mock.reset();
    mock.on(BatchGetCommand).resolves({ UnprocessedKeys: { items: { Keys: [{ ItemId: "a" }] } } });
    const catalog = new ItemCatalog(documents, "items", { minDelayMs: 1 });
    await expect(catalog.findMany(["a"])).rejects.toThrow(/1 keys unprocessed after 6 attempts/);
  });
});
