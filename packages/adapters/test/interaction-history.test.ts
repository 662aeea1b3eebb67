import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";
import { beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient } from "../src/dynamodb/document-client";
import { ExposureLog } from "../src/dynamodb/exposure-log";
import { InteractionHistory } from "../src/dynamodb/interaction-history";

let history: InteractionHistory;
let exposures: ExposureLog;
let put: (item: Record<string, unknown>) => Promise<unknown>;

beforeAll(async () => {
  const { env, tables } = await createTestTables();
  const documents = createDocumentClient(env);
  history = new InteractionHistory(documents, tables.events);
  exposures = new ExposureLog(documents, tables.events);
  put = (Item) => documents.send(new PutCommand({ TableName: tables.events, Item }));
});

const exposure = (userId: string, n: number) =>
  exposures.record({
    userId,
    recommendationId: `RID-${userId}-${n}`,
    testName: "t",
    variant: "v",
    algorithm: "a",
    itemIds: ["x", "y"],
    source: "personalize",
    servedAtMs: 5_000 + n,
  });

describe("InteractionHistory on DynamoDB Local", () => {
  it("finds the item and type of the user's most recent event, by event time, not by key", async () => {
    await put({ UserId: "u1", EventId: "zzz", EventType: "view", ItemId: "older", Timestamp: 1_000 });
    await put({ UserId: "u1", EventId: "aaa", EventType: "view", ItemId: "newer", Timestamp: 2_000 });
    await put({ UserId: "u2", EventId: "b", EventType: "view", ItemId: "other-user", Timestamp: 9_000 });
    expect(await history.lastInteraction("u1")).toEqual({ itemId: "newer", eventType: "view" });
  });

  it("skips exposure records, which carry no ItemId, even more than a page of them", async () => {
    await put({ UserId: "u3", EventId: "e", EventType: "purchase", ItemId: "bought", Timestamp: 1_000 });
    for (let n = 0; n < 40; n++) await exposure("u3", n);
    expect(await history.lastInteraction("u3")).toEqual({ itemId: "bought", eventType: "purchase" });
  });

  it("finds nothing for a user with no interactions", async () => {
    await exposure("u4", 1);
    expect(await history.lastInteraction("u4")).toBeUndefined();
    expect(await history.lastInteraction("nobody")).toBeUndefined();
  });

  it("finds the items of the user's events of the given types only", async () => {
    await put({ UserId: "u5", EventId: "p1", EventType: "purchase", ItemId: "bought-1", Timestamp: 1_000 });
    await put({ UserId: "u5", EventId: "v1", EventType: "view", ItemId: "viewed", Timestamp: 2_000 });
    await put({ UserId: "u5", EventId: "p2", EventType: "purchase", ItemId: "bought-2", Timestamp: 3_000 });
    await put({ UserId: "u6", EventId: "p3", EventType: "purchase", ItemId: "other-user", Timestamp: 3_000 });
    await exposure("u5", 1);
    expect(await history.itemsWithEventTypes("u5", ["purchase"])).toEqual({
      items: new Set(["bought-1", "bought-2"]),
      complete: true,
    });
    expect((await history.itemsWithEventTypes("u5", ["purchase", "view"])).items.size).toBe(3);
    expect((await history.itemsWithEventTypes("nobody", ["purchase"])).items.size).toBe(0);
  });
});
