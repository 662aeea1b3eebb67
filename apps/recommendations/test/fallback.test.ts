import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { experimentItem } from "@personalize-ab/adapters";
import { metrics } from "@personalize-ab/adapters/powertools";
import { userItems } from "@personalize-ab/adapters/testing";
import { METRICS } from "@personalize-ab/domain";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { catalogItem, POPULAR, type Serving, startServing, userInVariant } from "./serving-fixture";

// Far beyond the budget, so giving up is told apart from waiting it out even on a loaded machine.
const SLOW_PERSONALIZE_MS = 10_000;
const TIME_BUDGET_MS = 150;
let serving: Serving;

beforeAll(async () => {
  serving = await startServing({ timeoutMs: TIME_BUDGET_MS });
});
afterAll(() => serving.personalize.stop());
afterEach(() => serving.personalize.behave({ failure: undefined, delayMs: 0 }));

/** The popular list, first `n`, enriched from the catalog, with no score. */
const popular = (n: number) =>
  POPULAR.slice(0, n).map((id) => {
    const row = catalogItem(Number(id.slice(5)));
    return {
      item_id: id,
      score: null,
      category: row.Category,
      price: row.Price,
      brand: row.Brand,
      reason: { code: "fallback", text: "Popular across the store" },
    };
  });

async function expectFallback(body: Record<string, unknown>, variant: string) {
  const added = vi.spyOn(metrics, "addMetric");
  const answer = await serving.post(body);
  const fallbacks = added.mock.calls.filter(([name]) => name === METRICS.recommendationFallbacks);
  added.mockRestore();
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({
    variant,
    source: "fallback",
    algorithm: "Fallback - Popularity Based",
    recommendation_id: expect.stringMatching(/^fallback-[0-9A-Z]{26}$/),
    recommendations: popular(Number(body.num_results ?? 10)),
  });
  expect(JSON.stringify(answer.body)).not.toMatch(/InternalServerError|local failure|abort/i);
  expect(fallbacks).toHaveLength(1);
  return answer;
}

describe("the fallback", () => {
  it("serves the precomputed popular list when Personalize answers with an error", async () => {
    serving.personalize.behave({ failure: { status: 500, type: "InternalServerError" } });
    const userId = userInVariant("variant_a", "error");
    const answer = await expectFallback({ user_id: userId, num_results: 3 }, "variant_a");

    expect(await userItems(serving.documents, serving.tables.events, userId)).toEqual([
      expect.objectContaining({
        EventId: `recommendation_served#${answer.body.recommendation_id}`,
        Source: "fallback",
        Variant: "variant_a",
        Items: POPULAR.slice(0, 3),
      }),
    ]);
  });

  it("serves it when Personalize is slower than the time budget, without waiting it out", async () => {
    serving.personalize.behave({ delayMs: SLOW_PERSONALIZE_MS });
    const started = performance.now();
    await expectFallback({ user_id: userInVariant("variant_c", "slow"), num_results: 2 }, "variant_c");
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(TIME_BUDGET_MS);
    expect(elapsed).toBeLessThan(SLOW_PERSONALIZE_MS);
  });

  it("serves it for a variant that has no campaign yet, without calling Personalize", async () => {
    await serving.documents.send(
      new PutCommand({
        TableName: serving.tables.experiments,
        Item: experimentItem({
          name: "untrained",
          status: "active",
          variants: [{ id: "new_model", weight: 1, recipe: "aws-user-personalization", description: "new" }],
        }),
      }),
    );
    const before = serving.personalize.received.length;
    await expectFallback({ user_id: "u-untrained", test_name: "untrained", num_results: 5 }, "new_model");
    expect(serving.personalize.received.length).toBe(before);
  });

  it("serves it for SIMS when neither the request nor the user's history names an item", async () => {
    const before = serving.personalize.received.length;
    await expectFallback({ user_id: userInVariant("variant_b", "no-history") }, "variant_b");
    expect(serving.personalize.received.length).toBe(before);
  });
});
