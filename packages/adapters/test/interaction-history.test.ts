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
  it("finds the item of the user's most recent event, by event time, not by key", async () => {
    await put({ UserId: "u1", EventId: "zzz", EventType: "view", ItemId: "older", Timestamp: 1_000 });
    await put({ UserId: "u1", EventId: "aaa", EventType: "view", ItemId: "newer", Timestamp: 2_000 });
    await put({ UserId: "u2", EventId: "b", EventType: "view", ItemId: "other-user", Timestamp: 9_000 });
    expect(await history.lastInteractedItem("u1")).toBe("newer");
  });

  it("skips exposure records, which carry no ItemId, even more than a page of them", async () => {
    await put({ UserId: "u3", EventId: "e", EventType: "purchase", ItemId: "bought", Timestamp: 1_000 });
    for (let n = 0; n < 40; n++) await exposure("u3", n);
    expect(await history.lastInteractedItem("u3")).toBe("bought");
  });

  it("finds nothing for a user with no interactions", async () => {
    await exposure("u4", 1);
    expect(await history.lastInteractedItem("u4")).toBeUndefined();
    expect(await history.lastInteractedItem("nobody")).toBeUndefined();
  });
});
