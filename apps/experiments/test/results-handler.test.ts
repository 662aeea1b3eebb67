import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { createDocumentClient, experimentItem } from "@personalize-ab/adapters";
import { apiGatewayEvent, lambdaContext } from "@personalize-ab/adapters/http";
import { type ExperimentInput, ROUTES, routeKey } from "@personalize-ab/domain";
import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { putCounterCells, type ShardedCell } from "./support/counter-items";

type Handler = typeof import("../src/handler").handler;
let handler: Handler;
let tables: Awaited<ReturnType<typeof createTestTables>>["tables"];
const route = ROUTES.find((candidate) => candidate.path.endsWith("/results"))!;

async function getResults(testName: string) {
  const event = apiGatewayEvent({
    method: "GET",
    path: `/experiments/${encodeURIComponent(testName)}/results`,
    routeKey: routeKey(route),
    pathParameters: { test_name: testName },
  });
  const result = (await handler(event, lambdaContext("experiments"))) as APIGatewayProxyStructuredResultV2;
  return { status: result.statusCode, body: JSON.parse(result.body ?? "null") };
}

const experiment: ExperimentInput = {
  name: "checkout_button",
  status: "active",
  variants: [
    { id: "control", weight: 0.5, recipe: "aws-popularity-count", description: "Popularity" },
    { id: "treatment", weight: 0.5, recipe: "aws-user-personalization", description: "Personalized" },
  ],
  metrics: [
    { name: "checkout_rate", kind: "binomial", role: "primary", numerator: { event_types: ["checkout"] } },
  ],
};

// Each variant's users spread over two enrollment days and two counter shards, as the consumer writes them.
const split = (variant: string, n: number, sum: number): ShardedCell[] =>
  ["2026-11-30", "2026-12-01"].flatMap((period) =>
    [0, 7].map((shard) => ({
      metric: "checkout_rate",
      variant,
      period,
      stratum: "p0",
      shard,
      stats: { n: n / 4, sum: sum / 4, sum_squares: sum / 4 },
    })),
  );

// A similar-items variant with no seed item serves every exposure from the fallback list: its
// fallback_share is 1 for every user, the control's 0 for every user, with no variance on either side.
const guarded: ExperimentInput = {
  name: "sims_fallback",
  status: "active",
  variants: [
    { id: "control", weight: 0.5, recipe: "aws-user-personalization", description: "Personalized" },
    { id: "sims", weight: 0.5, recipe: "aws-sims", description: "Similar items" },
  ],
  metrics: [
    { name: "purchase_rate", kind: "binomial", role: "primary", numerator: { event_types: ["purchase"] } },
    {
      name: "fallback_share",
      kind: "ratio",
      role: "guardrail",
      lower_is_better: true,
      numerator: { event_types: ["recommendation_served"], source: "fallback" },
      denominator: { event_types: ["recommendation_served"] },
    },
  ],
};

/** 300 users with 2 exposures each and 100 with 5, all (share 1) or none (share 0) from the fallback. */
function fallbackCells(variant: string, share: 0 | 1): ShardedCell[] {
  const exposures = { n: 400, den_sum: 300 * 2 + 100 * 5, den_sum_squares: 300 * 4 + 100 * 25 };
  const stats = {
    ...exposures,
    sum: share * exposures.den_sum,
    sum_squares: share * exposures.den_sum_squares,
    cross_sum: share * exposures.den_sum_squares,
  };
  return [
    { metric: "fallback_share", variant, period: "2026-12-01", stratum: "p0", shard: 3, stats },
    {
      metric: "purchase_rate",
      variant,
      period: "2026-12-01",
      stratum: "p0",
      shard: 3,
      stats: { n: 400, sum: 40, sum_squares: 40 },
    },
  ];
}

/** Fields the results contract allows to be null; any other null was a NaN or Infinity. */
const NULLABLE = [
  ".relative_lift",
  ".relative_lift_reason",
  // The relative-scale fields, null with the lift (a control at 0).
  ".ci",
  ".credible_interval",
  ".risk",
  ".mde",
  "body.srm.p_value",
  "body.decision.variant",
];

function unexpectedNulls(value: unknown, path = "body"): string[] {
  if (value === null) return NULLABLE.some((suffix) => path.endsWith(suffix)) ? [] : [path];
  if (typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, item]) => unexpectedNulls(item, `${path}.${key}`));
}

beforeAll(async () => {
  const created = await createTestTables();
  tables = created.tables;
  Object.assign(process.env, created.env);
  const documents = createDocumentClient();
  await documents.send(new PutCommand({ TableName: tables.experiments, Item: experimentItem(experiment) }));
  await documents.send(new PutCommand({ TableName: tables.experiments, Item: experimentItem(guarded) }));
  await putCounterCells(documents, tables.experimentCounters, guarded.name, [
    ...fallbackCells("control", 0),
    ...fallbackCells("sims", 1),
  ]);
  await putCounterCells(documents, tables.experimentCounters, experiment.name, [
    ...split("control", 4000, 400),
    ...split("treatment", 4000, 520),
    // Another experiment's counters never leak in.
    ...split("control", 40, 40).map((cell) => ({ ...cell, metric: "other" })),
  ]);
  ({ handler } = await import("../src/handler"));
});

describe("GET /experiments/{test_name}/results", () => {
  it("sums the counters over days and shards and analyses the experiment's own metrics", async () => {
    const { status, body } = await getResults(experiment.name);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      test_name: "checkout_button",
      status: "active",
      control: "control",
      users: { control: 4000, treatment: 4000 },
      srm: { mismatch: false },
    });
    expect(Date.parse(body.computed_at)).toBeGreaterThan(Date.now() - 60_000);
    expect(body.metrics.map((metric: { name: string }) => metric.name)).toEqual(["checkout_rate"]);
    const [metric] = body.metrics;
    expect(metric).toMatchObject({ kind: "binomial", role: "primary", method: "sequential" });
    expect(metric.variants).toEqual([
      expect.objectContaining({ id: "control", users: 4000, sum: 400, value: 0.1 }),
      expect.objectContaining({ id: "treatment", users: 4000, sum: 520, value: 0.13 }),
    ]);
    const [comparison] = metric.comparisons;
    expect(comparison).toMatchObject({ variant: "treatment", baseline: "control", significant: true });
    expect(comparison.relative_lift).toBeCloseTo(0.3, 10);
    expect(body.decision).toMatchObject({ verdict: "ship", variant: "treatment" });
  });

  it("gives the cumulative users and lifts at the end of each enrollment day", async () => {
    const { body } = await getResults(experiment.name);
    expect(body.timeline.map((point: { day: string }) => point.day)).toEqual(["2026-11-30", "2026-12-01"]);
    const [first, second] = body.timeline;
    expect(first.users).toEqual({ control: 2000, treatment: 2000 });
    expect(second.users).toEqual(body.users);
    const [firstLift] = first.lifts.checkout_rate;
    const [secondLift] = second.lifts.checkout_rate;
    expect(firstLift).toMatchObject({ variant: "treatment" });
    expect(firstLift.relative_lift).toBeCloseTo(0.3, 10);
    // The last day is the whole experiment: the same interval as the results themselves.
    expect(secondLift.ci).toEqual(body.metrics[0].comparisons[0].ci);
    // Half the users: a wider interval.
    expect(firstLift.ci[1] - firstLift.ci[0]).toBeGreaterThan(secondLift.ci[1] - secondLift.ci[0]);
  });

  it("stops on a guardrail that certainly regressed: no variance on either side, p 0, no relative lift", async () => {
    const { status, body } = await getResults(guarded.name);
    expect(status).toBe(200);
    const guardrail = body.metrics.find((metric: { name: string }) => metric.name === "fallback_share");
    expect(guardrail.variants.map((variant: { value: number }) => variant.value)).toEqual([0, 1]);
    expect(guardrail.comparisons[0]).toEqual(
      expect.objectContaining({
        variant: "sims",
        basis: "certain",
        absolute_difference: 1,
        absolute_ci: [1, 1],
        relative_lift: null,
        relative_lift_reason: "control_is_zero",
        // No relative interval exists: null, never [0, 0] (a certain zero lift).
        ci: null,
        credible_interval: null,
        risk: null,
        p_value: 0,
        p_value_adjusted: 0,
        chance_to_win: 0,
        significant: true,
        outcome: "worse",
      }),
    );
    expect(body.decision).toEqual({
      verdict: "stop",
      variant: "sims",
      reasons: [
        "sims is significantly worse on guardrail fallback_share (difference +1 from a control of 0, certain: no variance in either variant)",
      ],
    });
    // JSON.stringify writes a NaN or an Infinity as null: no null beyond the fields that may be null.
    expect(unexpectedNulls(body)).toEqual([]);
    const lastDay = body.timeline.at(-1).lifts.fallback_share[0];
    expect(lastDay).toEqual({ variant: "sims", relative_lift: null, ci: null });
    expect(
      unexpectedNulls({ metrics: [{ comparisons: [{ ci: [null, 1], mde: null, absolute_ci: null }] }] }),
    ).toEqual(["body.metrics.0.comparisons.0.ci.0", "body.metrics.0.comparisons.0.absolute_ci"]);
  });

  it("answers an experiment with no counters yet with zero users, not an error", async () => {
    const { status, body } = await getResults("default_recommendation_test");
    expect(status).toBe(200);
    expect(body.users).toEqual({ variant_a: 0, variant_b: 0, variant_c: 0 });
    expect(body.metrics.map((metric: { name: string }) => metric.name)).toContain("purchase_rate");
    expect(body.decision.verdict).toBe("keep_running");
  });

  it("answers 404 unknown_test naming the field for a test that does not exist", async () => {
    const { status, body } = await getResults("no_such_test");
    expect(status).toBe(404);
    expect(body.error).toMatchObject({
      code: "unknown_test",
      message: "test_name: no experiment named no_such_test",
      details: [{ field: "test_name", problem: "no experiment named no_such_test" }],
    });
    expect(typeof body.error.request_id).toBe("string");
  });

  it("answers 400 naming the field for a test name no experiment can have", async () => {
    const { status, body } = await getResults("has#hash");
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: "invalid_request", details: [{ field: "test_name" }] });
  });
});
