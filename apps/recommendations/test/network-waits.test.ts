import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { NetworkWaitRecorder } from "@personalize-ab/adapters/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { itemId, type Serving, startServing, userInVariant } from "./serving-fixture";

let serving: Serving;
let recorder: NetworkWaitRecorder;

beforeAll(async () => {
  serving = await startServing({ personalize: { delayMs: 20, itemsFor: () => [itemId(1), itemId(2)] } });
  // The very clients the handler uses, created once at module scope.
  const { documents, personalizeRuntime } = await import("../src/clients");
  recorder = new NetworkWaitRecorder([documents, personalizeRuntime]);
});
afterAll(() => serving.personalize.stop());

async function waitsOf(body: Record<string, unknown>) {
  recorder.reset();
  const answer = await serving.post(body);
  expect(answer.body.source).toBe("personalize");
  return {
    waits: recorder.sequentialWaits(),
    operations: recorder.calls.map((call) => call.operation).sort(),
  };
}

describe("network waits of one request", () => {
  it("are 2 for a returning user: Personalize beside the assignment read, then enrichment beside the exposure write", async () => {
    const userId = userInVariant("variant_a", "returning");
    await serving.post({ user_id: userId }); // first visit: stores the assignment, warms the config cache

    expect(await waitsOf({ user_id: userId })).toEqual({
      waits: 2,
      operations: ["BatchGetItemCommand", "GetItemCommand", "GetRecommendationsCommand", "PutItemCommand"],
    });
  });

  it("are 3 for SIMS that must first look up the user's last item", async () => {
    const userId = userInVariant("variant_b", "returning-sims");
    await serving.documents.send(
      new PutCommand({
        TableName: serving.tables.events,
        Item: { UserId: userId, EventId: "e1", EventType: "view", ItemId: itemId(9), Timestamp: 1_000 },
      }),
    );
    await serving.post({ user_id: userId });

    expect(await waitsOf({ user_id: userId })).toEqual({
      waits: 3,
      operations: [
        "BatchGetItemCommand",
        "GetItemCommand",
        "GetRecommendationsCommand",
        "PutItemCommand",
        "QueryCommand",
      ],
    });
    // With the item in the request, SIMS needs no lookup.
    expect((await waitsOf({ user_id: userId, item_id: itemId(3) })).waits).toBe(2);
  });

  it("are 3 for a first visit, whose assignment is claimed while Personalize answers", async () => {
    expect((await waitsOf({ user_id: userInVariant("variant_c", "first-visit") })).waits).toBe(3);
  });
});
