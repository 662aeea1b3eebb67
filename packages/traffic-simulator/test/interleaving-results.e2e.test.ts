import type { ExperimentInput } from "@personalize-ab/domain";
import { LOCAL_CAMPAIGN_ARNS } from "@personalize-ab/local-recommender";
import { beforeAll, describe, expect, it } from "vitest";
import type { InterleavingTruth } from "../src/interleaving-truth";
import { simulateInterleaving } from "../src/simulate";
import { parseSimulationArgs } from "../src/simulation-options";
import { useLocalPlatform } from "./support/local-platform";

interface InterleavingResults {
  kind: string;
  impressions: number;
  clicked_impressions: number;
  failures: Record<string, number>;
  pairs: {
    a: string;
    b: string;
    users: number;
    wins: number;
    losses: number;
    ties: number;
    preference: number;
    favours: string | null;
  }[];
}

const TEST = "rankers_e2e";
const SEED = 31;
const USERS = 400;
// How long the results may take to count what was sent, on a shared 2-core machine.
const SETTLE_MS = 120_000;
const platform = useLocalPlatform();

const experiment: ExperimentInput = {
  name: TEST,
  status: "active",
  kind: "interleaving",
  variants: [
    {
      id: "variant_a",
      weight: 0.5,
      recipe: "aws-popularity-count",
      description: "Popularity",
      campaignArn: LOCAL_CAMPAIGN_ARNS["aws-popularity-count"],
    },
    {
      id: "variant_b",
      weight: 0.5,
      recipe: "aws-user-personalization",
      description: "User-Personalization",
      campaignArn: LOCAL_CAMPAIGN_ARNS["aws-user-personalization"],
    },
  ],
};

async function results(): Promise<InterleavingResults> {
  const response = await fetch(`${platform().url}/experiments/${TEST}/results`);
  expect(response.status).toBe(200);
  return (await response.json()) as InterleavingResults;
}

/**
 * The results once they hold every user the simulator credited: the stream consumers have handled
 * every record written, then the pair's user count is polled until it is the truth's (results
 * may be counted from the streams), within a bound; past it the assertions show the difference.
 */
async function settledResults(truth: InterleavingTruth): Promise<InterleavingResults> {
  await platform().streams.caughtUp();
  const deadline = Date.now() + SETTLE_MS;
  for (;;) {
    const body = await results();
    if (body.pairs[0]?.users === truth.pairs[0]!.users || Date.now() > deadline) return body;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe("an interleaving experiment's results after simulated traffic on the local platform", () => {
  let truth: InterleavingTruth;
  let body: InterleavingResults;

  beforeAll(async () => {
    const created = await fetch(`${platform().url}/experiments`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(experiment),
    });
    expect(created.status).toBe(201);
    console.log(`traffic simulator seed ${SEED}`);
    const { options } = parseSimulationArgs([
      ...["--url", platform().url, "--test", TEST, "--users", String(USERS), "--seed", String(SEED)],
      // The sample users, who have history for User-Personalization to rank from.
      ...["--user-prefix", "user_", "--item-click", "variant_a=0.05,variant_b=0.2"],
    ]);
    truth = await simulateInterleaving(options);
    console.log(JSON.stringify({ truth: truth.pairs, items: truth.items, failures: truth.failures }));
    body = await settledResults(truth);
  }, 420_000);

  it("credits exactly the users, wins, losses and ties the simulator sent, per pair", () => {
    expect(truth.impressions).toBe(USERS);
    expect(truth.pairs[0]!.users).toBeGreaterThan(100);
    expect(body.kind).toBe("interleaving");
    expect(body.impressions).toBe(truth.impressions);
    expect(body.clicked_impressions).toBe(truth.clicked_impressions);
    expect(body.failures).toEqual(truth.failures);
    expect(
      body.pairs.map(({ a, b, users, wins, losses, ties }) => ({ a, b, users, wins, losses, ties })),
    ).toEqual(
      truth.pairs.map(({ a, b, users, wins, losses, ties }) => ({ a, b, users, wins, losses, ties })),
    );
    expect(body.pairs[0]!.preference).toBeCloseTo(truth.pairs[0]!.preference, 9);
  });

  it("finds the preference for variant_b, whose items were clicked four times as often", () => {
    expect(truth.items.variant_b!.clicked / truth.items.variant_b!.shown).toBeGreaterThan(
      2 * (truth.items.variant_a!.clicked / truth.items.variant_a!.shown),
    );
    expect(truth.pairs[0]!.preference).toBeLessThan(0);
    expect(body.pairs[0]!.preference).toBeLessThan(0);
    expect(body.pairs[0]!.favours).toBe("variant_b");
  });
});
