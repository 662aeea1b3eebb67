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

beforeAll(async () => {
  const created = await createTestTables();
  tables = created.tables;
  Object.assign(process.env, created.env);
  const documents = createDocumentClient();
  await documents.send(new PutCommand({ TableName: tables.experiments, Item: experimentItem(experiment) }));
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
