import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogItem, POPULAR, type Serving, startServing, userInVariant } from "./serving-fixture";

const categoryOf = (id: string) => catalogItem(Number(id.slice(5))).Category;
const itemIds = (answer: { body: Record<string, unknown> }) =>
  (answer.body.recommendations as { item_id: string }[]).map((item) => item.item_id);

// A file of its own: the handler's clients are made once per module, from the first fixture's tables.
describe("filters not created yet: the fallback applies them itself", () => {
  let serving: Serving;
  beforeAll(async () => {
    serving = await startServing({ filterArns: {} });
  });
  afterAll(() => serving.personalize.stop());

  it("keeps only the requested categories of the popular list, without asking Personalize", async () => {
    const before = serving.personalize.received.length;
    const answer = await serving.post({
      user_id: userInVariant("variant_a", "fallback-category"),
      filter: "category",
      filter_values: { CATEGORY: ["books"] },
    });
    expect(answer.body.source).toBe("fallback");
    const expected = POPULAR.filter((id) => categoryOf(id) === "books");
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(POPULAR.length);
    expect(itemIds(answer)).toEqual(expected);
    expect(serving.personalize.received.length).toBe(before);
  });

  it("leaves out what the user purchased, and only that", async () => {
    const userId = userInVariant("variant_a", "fallback-purchased");
    const put = (Item: Record<string, unknown>) =>
      serving.documents.send(new PutCommand({ TableName: serving.tables.events, Item }));
    await put({ UserId: userId, EventId: "p", EventType: "purchase", ItemId: POPULAR[0], Timestamp: 1_000 });
    await put({ UserId: userId, EventId: "v", EventType: "view", ItemId: POPULAR[1], Timestamp: 2_000 });
    const answer = await serving.post({ user_id: userId, filter: "exclude-purchased" });
    expect(answer.body.source).toBe("fallback");
    expect(itemIds(answer)).toEqual(POPULAR.slice(1));
    expect(answer.body.recommendations).toEqual(
      POPULAR.slice(1).map(() =>
        expect.objectContaining({ reason: expect.objectContaining({ code: "fallback" }) }),
      ),
    );
  });
});
