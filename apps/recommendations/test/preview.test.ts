import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { experimentItem } from "@personalize-ab/adapters";
import { recordsAbout } from "@personalize-ab/adapters/testing";
import {
  assignVariant,
  DEFAULT_EXPERIMENT,
  DEFAULT_TEST_NAME,
  type ExperimentInput,
  experimentPreviewResponseSchema,
} from "@personalize-ab/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CAMPAIGNS,
  catalogItem,
  itemId,
  POPULAR,
  type Serving,
  startServing,
  userInVariant,
} from "./serving-fixture";

let serving: Serving;

beforeAll(async () => {
  serving = await startServing();
});
afterAll(() => serving.personalize.stop());

/** Each campaign answers its own items, so that every list says which campaign drew it. */
const ITEMS_BY_CAMPAIGN: Record<string, readonly string[]> = {
  [CAMPAIGNS.variant_a]: [itemId(7), itemId(8)],
  [CAMPAIGNS.variant_b]: [itemId(11), "ghost-item"],
  [CAMPAIGNS.variant_c]: [itemId(3), itemId(1)],
};
const byCampaign = (request: Record<string, unknown>) => ITEMS_BY_CAMPAIGN[String(request.campaignArn)] ?? [];

const enriched = (id: string, score: number | null, reason: object) => {
  const n = Number(id.slice(5));
  const row = id.startsWith("item_") ? catalogItem(n) : undefined;
  return {
    item_id: id,
    score,
    category: row?.Category ?? null,
    price: row?.Price ?? null,
    brand: row?.Brand ?? null,
    reason,
  };
};

const RECENT = { code: "recent_activity", text: "Based on your recent activity" };
const TRENDING = { code: "trending", text: "Popular with other shoppers" };
const similarTo = (seed: string) => ({
  code: "similar_to_interacted",
  item_id: seed,
  text: `Similar to ${seed}`,
});
const FALLBACK = { code: "fallback", text: "Popular across the store" };

const nothingWritten = (userId: string, testName = DEFAULT_TEST_NAME) =>
  recordsAbout(serving.documents, serving.tables, { userId, testName });

async function storeExperiment(experiment: ExperimentInput) {
  await serving.documents.send(
    new PutCommand({ TableName: serving.tables.experiments, Item: experimentItem(experiment) }),
  );
}

const twoVariants = (name: string, extra: Partial<ExperimentInput> = {}): ExperimentInput => ({
  name,
  status: "active",
  variants: [
    {
      id: "control",
      weight: 0.5,
      recipe: "aws-popularity-count",
      campaignArn: CAMPAIGNS.variant_c,
      description: "Popular items",
    },
    {
      id: "personal",
      weight: 0.5,
      recipe: "aws-user-personalization",
      campaignArn: CAMPAIGNS.variant_a,
      description: "Personalized",
    },
  ],
  ...extra,
});

describe("POST /experiments/{test_name}/preview", () => {
  it("answers every variant's list, enriched and explained, and the variant the hash would give", async () => {
    serving.personalize.behave({ itemsFor: byCampaign });
    const userId = "preview-new-user";
    const before = await nothingWritten(userId);
    const answer = await serving.preview(DEFAULT_TEST_NAME, { user_id: userId, item_id: itemId(9) });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      test_name: DEFAULT_TEST_NAME,
      user_id: userId,
      status: "active",
      assigned_variant: assignVariant(userId, DEFAULT_TEST_NAME, DEFAULT_EXPERIMENT.variants).id,
      assignment: "would_assign",
      variants: [
        {
          variant: "variant_a",
          recipe: "aws-user-personalization",
          strategy: "user-personalization",
          algorithm: "User-Personalization Algorithm",
          source: "personalize",
          recommendations: [enriched(itemId(7), 1 / 2, RECENT), enriched(itemId(8), 1 / 3, RECENT)],
        },
        {
          variant: "variant_b",
          recipe: "aws-sims",
          strategy: "similar-items",
          algorithm: "Item-to-Item Similarity Algorithm",
          source: "personalize",
          recommendations: [
            enriched(itemId(11), 1 / 2, similarTo(itemId(9))),
            enriched("ghost-item", 1 / 3, similarTo(itemId(9))),
          ],
        },
        {
          variant: "variant_c",
          recipe: "aws-popularity-count",
          strategy: "popularity",
          algorithm: "Popularity-Based Algorithm",
          source: "personalize",
          recommendations: [enriched(itemId(3), 1 / 2, TRENDING), enriched(itemId(1), 1 / 3, TRENDING)],
        },
      ],
    });
    expect(experimentPreviewResponseSchema.parse(answer.body)).toBeDefined();
    // Nothing stored: no assignment, no exposure, no event, no counter, no history entry.
    const after = await nothingWritten(userId);
    expect(after).toEqual(before);
    expect(after.assignments).toEqual([]);
    expect(after.events).toEqual([]);
  });

  it("asks every variant's campaign once, with the request's num_results and the SIMS seed only for SIMS", async () => {
    serving.personalize.behave({ itemsFor: byCampaign });
    const userId = "preview-inputs";
    const from = serving.personalize.received.length;
    await serving.preview(DEFAULT_TEST_NAME, { user_id: userId, item_id: itemId(4), num_results: 2 });
    const calls = serving.personalize.received.slice(from).map((call) => call.body);
    expect(calls.sort((a, b) => String(a.campaignArn).localeCompare(String(b.campaignArn)))).toEqual(
      [
        { campaignArn: CAMPAIGNS.variant_c, userId, numResults: 2 },
        { campaignArn: CAMPAIGNS.variant_b, userId, itemId: itemId(4), numResults: 2 },
        { campaignArn: CAMPAIGNS.variant_a, userId, numResults: 2 },
      ].sort((a, b) => a.campaignArn.localeCompare(b.campaignArn)),
    );
  });

  it("names the stored variant when the user has one, even where the hash would say another", async () => {
    serving.personalize.behave({ itemsFor: byCampaign });
    const userId = userInVariant("variant_a", "preview-stored");
    await serving.documents.send(
      new PutCommand({
        TableName: serving.tables.assignments,
        Item: { UserId: userId, TestName: DEFAULT_TEST_NAME, Variant: "variant_c", AssignmentTimestamp: 1 },
      }),
    );
    const before = await nothingWritten(userId);
    const answer = await serving.preview(DEFAULT_TEST_NAME, { user_id: userId, item_id: itemId(2) });
    expect(answer.body).toMatchObject({ assigned_variant: "variant_c", assignment: "stored" });
    expect(await nothingWritten(userId)).toEqual(before);
  });

  it("serves each variant what POST /recommendations would serve a user of that variant", async () => {
    serving.personalize.behave({ itemsFor: byCampaign });
    for (const variant of ["variant_a", "variant_b", "variant_c"] as const) {
      const userId = userInVariant(variant, "preview-equal");
      const preview = await serving.preview(DEFAULT_TEST_NAME, { user_id: userId, item_id: itemId(5) });
      const served = await serving.post({ user_id: userId, item_id: itemId(5) });
      expect(preview.body.assigned_variant).toBe(variant);
      const shown = (preview.body.variants as { variant: string; recommendations: unknown }[]).find(
        (entry) => entry.variant === variant,
      );
      expect(shown?.recommendations).toEqual(served.body.recommendations);
    }
  });

  it("marks a slow or empty campaign's variant with the fallback and why, and still lists the others", async () => {
    serving.personalize.behave({
      itemsFor: (request) => (request.campaignArn === CAMPAIGNS.variant_c ? [] : byCampaign(request)),
      // Far beyond the 800 ms time budget the fixture sets.
      delayFor: (request) => (request.campaignArn === CAMPAIGNS.variant_b ? 5_000 : 0),
    });
    try {
      const answer = await serving.preview(DEFAULT_TEST_NAME, {
        user_id: "preview-slow",
        item_id: itemId(9),
      });
      expect(answer.status).toBe(200);
      const variants = answer.body.variants as Record<string, unknown>[];
      const popular = POPULAR.slice(0, 10).map((id) => enriched(id, null, FALLBACK));
      expect(
        variants.map(({ variant, source, fallback_reason }) => ({ variant, source, fallback_reason })),
      ).toEqual([
        { variant: "variant_a", source: "personalize", fallback_reason: undefined },
        { variant: "variant_b", source: "fallback", fallback_reason: "timeout" },
        { variant: "variant_c", source: "fallback", fallback_reason: "no_results" },
      ]);
      expect(variants[1]).toMatchObject({
        algorithm: "Fallback - Popularity Based",
        recommendations: popular,
      });
      expect(variants[2]!.recommendations).toEqual(popular);
    } finally {
      serving.personalize.behave({ delayFor: undefined });
    }
  });

  it("marks each variant whose campaign refuses the request's filter, and answers 200", async () => {
    serving.personalize.behave({ failure: { status: 400, type: "InvalidInputException" } });
    try {
      const answer = await serving.preview(DEFAULT_TEST_NAME, {
        user_id: "preview-refused",
        filter: "exclude-purchased",
      });
      expect(answer.status).toBe(200);
      for (const variant of answer.body.variants as Record<string, unknown>[]) {
        // SIMS has no seed for a user without history: its fallback comes before any call.
        if (variant.variant === "variant_b") {
          expect(variant).toMatchObject({ source: "fallback", fallback_reason: "no_seed_item" });
          continue;
        }
        expect(variant).toMatchObject({
          source: "refused",
          error: {
            code: "invalid_filter",
            field: "filter",
            problem: "Personalize refused the exclude-purchased filter",
          },
          recommendations: [],
        });
      }
    } finally {
      serving.personalize.behave({ failure: undefined });
    }
  });

  it("previews a draft (its users would get the hash's variant once started); paused shows the control, completed the winner", async () => {
    serving.personalize.behave({ itemsFor: byCampaign });
    const userId = "preview-status";
    const cases = [
      ["preview_draft", { status: "draft" }, "draft"],
      ["preview_paused", { status: "paused" }, "paused"],
      ["preview_completed", { status: "completed", winner: "personal" }, "completed"],
    ] as const;
    for (const [name, extra] of cases) await storeExperiment(twoVariants(name, extra));
    const hashed = assignVariant(userId, "preview_draft", twoVariants("preview_draft").variants).id;

    const answers = await Promise.all(cases.map(([name]) => serving.preview(name, { user_id: userId })));
    expect(
      answers.map((answer) => [
        answer.status,
        answer.body.status,
        answer.body.assigned_variant,
        answer.body.assignment,
      ]),
    ).toEqual([
      [200, "draft", hashed, "would_assign"],
      [200, "paused", "control", "fixed"],
      [200, "completed", "personal", "fixed"],
    ]);
    for (const answer of answers) {
      expect(
        (answer.body.variants as { variant: string; source: string }[]).map((v) => [v.variant, v.source]),
      ).toEqual([
        ["control", "personalize"],
        ["personal", "personalize"],
      ]);
    }
    for (const [name] of cases) expect((await nothingWritten(userId, name)).assignments).toEqual([]);
  });

  it("says an active interleaving experiment interleaves every user, and lists each variant alone", async () => {
    serving.personalize.behave({ itemsFor: byCampaign });
    await storeExperiment(twoVariants("preview_duel", { kind: "interleaving" }));
    const answer = await serving.preview("preview_duel", { user_id: "preview-duel-user" });
    expect(answer.body).toMatchObject({ assigned_variant: "interleaved", assignment: "interleaved" });
    expect(
      (answer.body.variants as { recommendations: { item_id: string }[] }[]).map((v) =>
        v.recommendations.map((r) => r.item_id),
      ),
    ).toEqual([
      [itemId(3), itemId(1)],
      [itemId(7), itemId(8)],
    ]);
  });

  it.each([
    ["a missing user_id", {}, 400, "user_id", "is required"],
    ["num_results of 0", { user_id: "u", num_results: 0 }, 400, "num_results", "must be at least 1"],
    ["an empty item_id", { user_id: "u", item_id: "" }, 400, "item_id", "must not be empty"],
    [
      "filter values without a filter",
      { user_id: "u", filter_values: { CATEGORY: "books" } },
      400,
      "filter_values",
      "needs a filter",
    ],
    ["an undeclared filter", { user_id: "u", filter: "nope" }, 400, "filter", "must be one of"],
  ])("answers %s with %i naming the field", async (_, body, status, field, problem) => {
    const answer = await serving.preview(DEFAULT_TEST_NAME, body);
    expect(answer.status).toBe(status);
    expect(answer.body.error).toMatchObject({
      code: "invalid_request",
      details: [{ field, problem: expect.stringContaining(problem) }],
    });
  });

  it("answers 404 unknown_test for an experiment that does not exist, 400 for a malformed name", async () => {
    const missing = await serving.preview("no_such_test", { user_id: "u" });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({
      code: "unknown_test",
      details: [{ field: "test_name", problem: "no experiment named no_such_test" }],
    });
    const malformed = await serving.preview("a%20b", { user_id: "u" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ details: [{ field: "test_name" }] });
  });
});

describe("the check that a preview wrote nothing", () => {
  it("catches a planted assignment and a planted exposure", async () => {
    const userId = "planted-user";
    const before = await nothingWritten(userId);
    await serving.documents.send(
      new PutCommand({
        TableName: serving.tables.assignments,
        Item: { UserId: userId, TestName: DEFAULT_TEST_NAME, Variant: "variant_a", AssignmentTimestamp: 1 },
      }),
    );
    await serving.documents.send(
      new PutCommand({
        TableName: serving.tables.events,
        Item: {
          UserId: userId,
          EventId: "recommendation_served#planted",
          EventType: "recommendation_served",
        },
      }),
    );
    const after = await nothingWritten(userId);
    expect(after).not.toEqual(before);
    expect(after.assignments).toHaveLength(1);
    expect(after.events).toHaveLength(1);
  });

  it("catches a planted counter cell and history entry of the test", async () => {
    const before = await nothingWritten("planted-counter-user", "planted_test");
    await serving.documents.send(
      new PutCommand({
        TableName: serving.tables.experimentCounters,
        Item: { CounterPartition: "planted_test#3", Cell: "p0#h#variant_a#users", Count: 1 },
      }),
    );
    await serving.documents.send(
      new PutCommand({
        TableName: serving.tables.experimentHistory,
        Item: { TestName: "planted_test", Version: 1 },
      }),
    );
    const after = await nothingWritten("planted-counter-user", "planted_test");
    expect(before.experimentCounters).toEqual([]);
    expect(after.experimentCounters).toHaveLength(1);
    expect(after.experimentHistory).toHaveLength(1);
  });
});
