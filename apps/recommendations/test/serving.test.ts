import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { ExposureLog, experimentItem } from "@personalize-ab/adapters";
import { logger, metrics } from "@personalize-ab/adapters/powertools";
import { captureMetricOutput, userItems } from "@personalize-ab/adapters/testing";
import {
  DEFAULT_TEST_NAME,
  type ExperimentInput,
  METRIC_DIMENSIONS,
  METRICS,
  metricDimensionNames,
} from "@personalize-ab/domain";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CAMPAIGNS, catalogItem, itemId, type Serving, startServing, userInVariant } from "./serving-fixture";

let serving: Serving;

beforeAll(async () => {
  serving = await startServing();
});
afterAll(() => serving.personalize.stop());

const eventsOf = (userId: string) => userItems(serving.documents, serving.tables.events, userId);

const RECENT_ACTIVITY = { code: "recent_activity", text: "Based on your recent activity" };

const enriched = (n: number, score: number, reason: object = RECENT_ACTIVITY) => {
  const row = catalogItem(n);
  return { item_id: row.ItemId, score, category: row.Category, price: row.Price, brand: row.Brand, reason };
};

describe("POST /recommendations", () => {
  it("answers with Personalize's items in its order, enriched, unknown items kept with null metadata", async () => {
    const userId = userInVariant("variant_a", "order");
    serving.personalize.behave({ itemsFor: () => [itemId(7), "ghost-item", itemId(2), itemId(30)] });
    const answer = await serving.post({ user_id: userId, num_results: 4 });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      user_id: userId,
      test_name: DEFAULT_TEST_NAME,
      variant: "variant_a",
      status: "active",
      algorithm: "User-Personalization Algorithm",
      recommendation_id: expect.stringMatching(/^RID-local-\d+$/),
      recommendations: [
        enriched(7, 1 / 2),
        {
          item_id: "ghost-item",
          score: 1 / 3,
          category: null,
          price: null,
          brand: null,
          reason: RECENT_ACTIVITY,
        },
        enriched(2, 1 / 4),
        enriched(30, 1 / 5),
      ],
      source: "personalize",
      timestamp: expect.any(String),
    });
    expect(Date.parse(answer.body.timestamp as string)).toBeGreaterThan(Date.now() - 10_000);
  });

  it("records the exposure under an event id derived from the recommendation id", async () => {
    const userId = userInVariant("variant_c", "exposure");
    serving.personalize.behave({ itemsFor: () => [itemId(5), itemId(6)] });
    const answer = await serving.post({ user_id: userId, num_results: 2 });
    const recommendationId = answer.body.recommendation_id as string;

    expect(await eventsOf(userId)).toEqual([
      {
        UserId: userId,
        EventId: `recommendation_served#${recommendationId}`,
        EventType: "recommendation_served",
        Timestamp: Date.parse(answer.body.timestamp as string),
        RecommendationId: recommendationId,
        TestName: DEFAULT_TEST_NAME,
        Variant: "variant_c",
        Algorithm: "Popularity-Based Algorithm",
        Items: [itemId(5), itemId(6)],
        Source: "personalize",
        // Kept as long as events: 400 days (the default retention) after it was served.
        ExpiresAt: Math.floor(Date.parse(answer.body.timestamp as string) / 1000) + 400 * 86_400,
      },
    ]);
  });

  it("asks each variant's own campaign, and explains its items by the variant's recipe", async () => {
    serving.personalize.behave({ itemsFor: () => [itemId(1)] });
    const reasons = {
      variant_a: RECENT_ACTIVITY,
      variant_b: { code: "similar_to_interacted", item_id: itemId(9), text: `Similar to ${itemId(9)}` },
      variant_c: { code: "trending", text: "Popular with other shoppers" },
    };
    for (const variant of ["variant_a", "variant_b", "variant_c"] as const) {
      const userId = userInVariant(variant, "campaign");
      const before = serving.personalize.received.length;
      const answer = await serving.post({ user_id: userId, item_id: itemId(9) });
      expect(answer.body.variant).toBe(variant);
      expect(answer.body.recommendations).toEqual([expect.objectContaining({ reason: reasons[variant] })]);
      expect(serving.personalize.received.slice(before).map((call) => call.body.campaignArn)).toEqual([
        CAMPAIGNS[variant],
      ]);
    }
  });

  it("seeds SIMS with the request's item_id, else the user's most recent interacted item", async () => {
    const userId = userInVariant("variant_b", "sims");
    serving.personalize.behave({ itemsFor: () => [itemId(3)] });
    const put = (Item: Record<string, unknown>) =>
      serving.documents.send(new PutCommand({ TableName: serving.tables.events, Item }));
    await put({ UserId: userId, EventId: "e-old", EventType: "view", ItemId: itemId(11), Timestamp: 1_000 });
    await put({ UserId: userId, EventId: "e-new", EventType: "cart", ItemId: itemId(12), Timestamp: 2_000 });

    const seeded = async (body: Record<string, unknown>) => {
      const before = serving.personalize.received.length;
      const answer = await serving.post(body);
      expect(answer.body.source).toBe("personalize");
      const [item] = answer.body.recommendations as { reason: unknown }[];
      return { seed: serving.personalize.received[before]?.body.itemId, reason: item?.reason };
    };
    expect(await seeded({ user_id: userId, item_id: itemId(20) })).toEqual({
      seed: itemId(20),
      reason: { code: "similar_to_interacted", item_id: itemId(20), text: `Similar to ${itemId(20)}` },
    });
    // The exposure the first request recorded is newer, but has no item: it is skipped.
    expect(await seeded({ user_id: userId })).toEqual({
      seed: itemId(12),
      reason: {
        code: "similar_to_interacted",
        item_id: itemId(12),
        text: `Because you interacted with ${itemId(12)}`,
      },
    });
  });

  it("serves the stored variant when it differs from the hash, asking its campaign instead", async () => {
    const userId = userInVariant("variant_a", "moved");
    await serving.documents.send(
      new PutCommand({
        TableName: serving.tables.assignments,
        Item: { UserId: userId, TestName: DEFAULT_TEST_NAME, Variant: "variant_c", AssignmentTimestamp: 1 },
      }),
    );
    serving.personalize.behave({ itemsFor: () => [itemId(4)] });
    const answer = await serving.post({ user_id: userId });
    expect(answer.body).toMatchObject({ variant: "variant_c", source: "personalize" });
    expect((answer.body.recommendations as { item_id: string }[]).map((r) => r.item_id)).toEqual([itemId(4)]);
    const exposure = (await eventsOf(userId))[0];
    expect(exposure).toMatchObject({ Variant: "variant_c", RecommendationId: answer.body.recommendation_id });
  });

  it("serves an experiment from the experiments table, and 404s a test_name that names none", async () => {
    const experiment: ExperimentInput = {
      name: "homepage",
      status: "active",
      variants: [
        {
          id: "only",
          weight: 1,
          recipe: "aws-user-personalization-v2",
          campaignArn: "arn:aws:personalize:us-east-1:111111111111:campaign/homepage",
          modelVersion: "arn:aws:personalize:us-east-1:111111111111:solution/homepage/v7",
          description: "Homepage model",
        },
      ],
    };
    await serving.documents.send(
      new PutCommand({ TableName: serving.tables.experiments, Item: experimentItem(experiment) }),
    );
    serving.personalize.behave({
      itemsFor: () => [itemId(8), itemId(9)],
      reasonFor: (id) => (id === itemId(9) ? ["Exploration"] : undefined),
    });
    const before = serving.personalize.received.length;
    const answer = await serving.post({ user_id: "hp-user", test_name: "homepage" });
    serving.personalize.behave({ reasonFor: undefined });
    expect(answer.body).toMatchObject({
      test_name: "homepage",
      variant: "only",
      algorithm: "Homepage model",
      // User-Personalization-v2's own per-item reason, mapped to ours.
      recommendations: [
        { item_id: itemId(8), reason: RECENT_ACTIVITY },
        { item_id: itemId(9), reason: { code: "exploration" } },
      ],
    });
    expect(serving.personalize.received[before]?.body.campaignArn).toBe(experiment.variants[0]!.campaignArn);
    // The exposure names the model that produced the items, as the published config carries it.
    const [exposure] = await eventsOf("hp-user");
    expect(exposure).toMatchObject({
      Source: "personalize",
      ModelVersion: experiment.variants[0]!.modelVersion,
    });

    const missing = await serving.post({ user_id: "hp-user", test_name: "no_such_test" });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({
      code: "unknown_test",
      details: [{ field: "test_name", problem: "no experiment named no_such_test" }],
    });
  });

  it("still serves when the exposure cannot be written, and logs and counts the loss", async () => {
    const write = vi.spyOn(ExposureLog.prototype, "record").mockRejectedValueOnce(new Error("throttled"));
    const logged = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const added = vi.spyOn(metrics, "addMetric");
    serving.personalize.behave({ itemsFor: () => [itemId(3)] });
    const answer = await serving.post({ user_id: userInVariant("variant_a", "lost-exposure") });

    expect(answer.status).toBe(200);
    expect(answer.body.source).toBe("personalize");
    expect(logged).toHaveBeenCalledWith(
      "exposure not recorded",
      expect.objectContaining({ recommendationId: answer.body.recommendation_id }),
    );
    expect(added).toHaveBeenCalledWith(METRICS.exposureRecordFailures, "Count", 1);
    for (const spy of [write, logged, added]) spy.mockRestore();
  });

  it("counts the request and its latency in one dimension set: environment, experiment, variant", async () => {
    const output = captureMetricOutput(metrics);
    const added = vi.spyOn(metrics, "addMetric");
    try {
      const userId = userInVariant("variant_c", "metrics");
      await serving.post({ user_id: userId });
      const names = added.mock.calls.map(([name]) => name);
      expect(names).toEqual([METRICS.recommendationRequests, METRICS.recommendationLatency]);
      expect(added.mock.calls[1]?.[2]).toBeGreaterThan(0);
      const [document] = output.documents;
      expect(output.documents).toHaveLength(1);
      expect(document!._aws.CloudWatchMetrics[0]!.Dimensions).toEqual([
        metricDimensionNames(METRICS.recommendationRequests),
      ]);
      expect(document).toMatchObject({
        [METRIC_DIMENSIONS.environment]: "local",
        [METRIC_DIMENSIONS.experiment]: DEFAULT_TEST_NAME,
        [METRIC_DIMENSIONS.variant]: "variant_c",
      });
    } finally {
      output.restore();
      added.mockRestore();
    }
  });
});
