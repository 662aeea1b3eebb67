import { PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { createDocumentClient, experimentItem } from "@personalize-ab/adapters";
import { DEFAULT_TEST_NAME, ENV, type ExperimentInput } from "@personalize-ab/domain";
import { beforeAll, describe, expect, it } from "vitest";
import type { GroundTruth } from "../src/ground-truth";
import { simulate } from "../src/simulate";
import { parseSimulationArgs } from "../src/simulation-options";
import { useLocalPlatform } from "./support/local-platform";

interface Results {
  users: Record<string, number>;
  srm: { p_value: number | null; mismatch: boolean };
  metrics: {
    name: string;
    variants: { id: string; users: number; sum: number; den_sum?: number }[];
    comparisons: { variant: string; relative_lift: number; ci: [number, number] }[];
  }[];
  decision: { verdict: string; reasons: string[] };
}

const platform = useLocalPlatform();

async function results(testName: string): Promise<{ status: number; body: Results }> {
  const response = await fetch(`${platform().url}/experiments/${testName}/results`);
  return { status: response.status, body: (await response.json()) as Results };
}

const enrolledTotal = (truth: GroundTruth) =>
  Object.values(truth.variants).reduce((sum, v) => sum + v.users, 0);

/** The results once the stream consumer has counted every enrollment and event the simulator sent. */
async function settledResults(truth: GroundTruth, lastMetric: (body: Results) => number, expected: number) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const { body } = await results(truth.test_name);
    const users = Object.values(body.users ?? {}).reduce((sum, n) => sum + n, 0);
    if ((users === enrolledTotal(truth) && lastMetric(body) === expected) || Date.now() > deadline)
      return body;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const metricOf = (body: Results, name: string) => body.metrics.find((metric) => metric.name === name)!;
const variantOf = (body: Results, metric: string, variant: string) =>
  metricOf(body, metric).variants.find((candidate) => candidate.id === variant)!;

describe("results of simulated traffic on the local platform", () => {
  // The sample users: each has event history (purchases, carts) loaded at start-up, before they
  // are enrolled here, which must not count.
  const rates = { variant_a: 0.1, variant_b: 0.2, variant_c: 0.1 };
  let truth: GroundTruth;
  let body: Results;

  beforeAll(async () => {
    const { options } = parseSimulationArgs([
      "--url",
      platform().url,
      "--users",
      "1000",
      "--seed",
      "11",
      "--user-prefix",
      "user_",
      "--click",
      "0.35",
      "--add-to-cart",
      "0.25",
      "--purchase",
      Object.entries(rates)
        .map(([variant, rate]) => `${variant}=${rate}`)
        .join(","),
    ]);
    truth = await simulate(options);
    const purchasers = Object.values(truth.variants).reduce((sum, v) => sum + v.events.purchase.users, 0);
    body = await settledResults(
      truth,
      (current) => metricOf(current, "purchase_rate").variants.reduce((sum, v) => sum + v.sum, 0),
      purchasers,
    );
  }, 300_000);

  it("counts exactly the users and conversions the simulator sent, per variant", () => {
    expect(Object.keys(truth.variants)).toEqual(["variant_a", "variant_b", "variant_c"]);
    for (const [variant, sent] of Object.entries(truth.variants)) {
      expect(body.users[variant]).toBe(sent.users);
      expect(variantOf(body, "purchase_rate", variant)).toMatchObject({
        users: sent.users,
        sum: sent.events.purchase.users,
      });
      expect(variantOf(body, "add_to_cart_rate", variant).sum).toBe(sent.events.add_to_cart.users);
      expect(variantOf(body, "revenue_per_user", variant).sum).toBeCloseTo(sent.events.purchase.value, 6);
      expect(variantOf(body, "recommendation_ctr", variant)).toMatchObject({
        sum: sent.events.click.users,
        den_sum: sent.users,
      });
      expect(variantOf(body, "fallback_share", variant).sum).toBe(sent.fallback_exposures);
    }
  });

  it("counts none of the history loaded before the users were enrolled", async () => {
    // The exact equality above leaves no room for it; this shows there was history to leave out:
    // the enrolled sample users already had purchases in the events table before this run.
    const { Count } = await createDocumentClient({
      [ENV.dynamodbEndpoint]: platform().dynamodbEndpoint,
    }).send(
      new ScanCommand({
        TableName: platform().tables.events,
        Select: "COUNT",
        FilterExpression: "EventType = :purchase AND begins_with(EventId, :history)",
        ExpressionAttributeValues: { ":purchase": "purchase", ":history": "sample-" },
      }),
    );
    expect(Count).toBeGreaterThan(50);
    const purchasesSent = Object.values(truth.variants).reduce((sum, v) => sum + v.events.purchase.users, 0);
    const purchasesCounted = metricOf(body, "purchase_rate").variants.reduce((sum, v) => sum + v.sum, 0);
    expect(purchasesCounted).toBe(purchasesSent);
  });

  it("gives intervals that cover the simulated lift, with no sample-ratio mismatch", () => {
    const purchase = metricOf(body, "purchase_rate");
    const b = purchase.comparisons.find((comparison) => comparison.variant === "variant_b")!;
    const c = purchase.comparisons.find((comparison) => comparison.variant === "variant_c")!;
    const liftB = rates.variant_b / rates.variant_a - 1;
    expect(b.ci[0]).toBeLessThanOrEqual(liftB);
    expect(b.ci[1]).toBeGreaterThanOrEqual(liftB);
    expect(c.ci[0]).toBeLessThanOrEqual(0);
    expect(c.ci[1]).toBeGreaterThanOrEqual(0);
    expect(body.srm.mismatch).toBe(false);
  });
});

describe("a sample-ratio mismatch on the local platform", () => {
  const experiment: ExperimentInput = {
    name: "srm_check",
    status: "active",
    variants: [
      { id: "control", weight: 0.5, recipe: "aws-popularity-count", description: "Popularity" },
      { id: "treatment", weight: 0.5, recipe: "aws-popularity-count", description: "Popularity again" },
    ],
  };

  it("is flagged, and the verdict is invalid, when the simulator loses a share of one variant's users", async () => {
    await createDocumentClient({ [ENV.dynamodbEndpoint]: platform().dynamodbEndpoint }).send(
      new PutCommand({ TableName: platform().tables.experiments, Item: experimentItem(experiment) }),
    );
    const { options } = parseSimulationArgs([
      "--url",
      platform().url,
      "--test",
      experiment.name,
      "--variants",
      "control=0.5,treatment=0.5",
      "--users",
      "600",
      "--seed",
      "12",
      "--purchase",
      "0.1",
      "--skip-enrollment",
      "treatment=0.4",
    ]);
    const truth = await simulate(options);
    expect(truth.variants.treatment!.skipped_users).toBeGreaterThan(0);
    const body = await settledResults(
      truth,
      (current) => current.users.treatment ?? 0,
      truth.variants.treatment!.users,
    );
    expect(body.users).toEqual({
      control: truth.variants.control!.users,
      treatment: truth.variants.treatment!.users,
    });
    expect(body.srm.mismatch).toBe(true);
    expect(body.srm.p_value!).toBeLessThan(0.001);
    expect(body.decision.verdict).toBe("invalid");
  });

  it("answers 404 naming the field for a test that does not exist", async () => {
    const { status, body } = await results("no_such_test");
    expect(status).toBe(404);
    expect(body).toMatchObject({
      error: {
        code: "unknown_test",
        details: [{ field: "test_name", problem: "no experiment named no_such_test" }],
      },
    });
    expect((await results(DEFAULT_TEST_NAME)).status).toBe(200);
  });
});
