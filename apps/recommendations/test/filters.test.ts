import { userItems } from "@personalize-ab/adapters/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { itemId, type Serving, startServing, userInVariant } from "./serving-fixture";

describe("filters the pipeline has created", () => {
  let serving: Serving;
  beforeAll(async () => {
    serving = await startServing();
  });
  afterAll(() => serving.personalize.stop());
  afterEach(() => serving.personalize.behave({ failure: undefined }));

  it("answers 400 invalid_filter naming the field when Personalize refuses the filter, recording nothing", async () => {
    serving.personalize.behave({ failure: { status: 400, type: "InvalidInputException" } });
    const userId = userInVariant("variant_a", "refused-filter");
    const answer = await serving.post({ user_id: userId, filter: "exclude-purchased" });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: "invalid_filter",
      details: [{ field: "filter", problem: "Personalize refused the exclude-purchased filter" }],
    });
    expect(JSON.stringify(answer.body)).not.toContain("local failure");
    expect(await userItems(serving.documents, serving.tables.events, userId)).toEqual([]);
  });

  it("still serves the fallback when Personalize refuses a request that has no filter", async () => {
    serving.personalize.behave({ failure: { status: 400, type: "InvalidInputException" } });
    const answer = await serving.post({ user_id: userInVariant("variant_a", "refused-plain") });
    expect(answer.status).toBe(200);
    expect(answer.body.source).toBe("fallback");
  });

  it("explains a category-filtered popularity list as popular in each item's category", async () => {
    serving.personalize.behave({ itemsFor: () => [itemId(2), itemId(5)] });
    const answer = await serving.post({
      user_id: userInVariant("variant_c", "category-page"),
      filter: "category",
      filter_values: { CATEGORY: "clothing" },
    });
    expect(answer.body.recommendations).toEqual([
      expect.objectContaining({
        item_id: itemId(2),
        reason: { code: "popular_in_category", category: "clothing", text: "Popular in clothing" },
      }),
      expect.objectContaining({
        item_id: itemId(5),
        reason: expect.objectContaining({ category: "clothing" }),
      }),
    ]);
  });
});
