import { consoleRoutes } from "@personalize-ab/console";
import type { ExperimentResults } from "@personalize-ab/experiments/results";
import { type RunningPlatform, startPlatform } from "@personalize-ab/local";
import { type GroundTruth, parseSimulationArgs, simulate } from "@personalize-ab/traffic-simulator";

/** The local platform serving the console beside the API, as `npm start` does. */
export function startConsolePlatform(): Promise<RunningPlatform> {
  return startPlatform({ port: 0, extraRoutes: consoleRoutes() });
}

export async function fetchResults(platform: RunningPlatform, testName: string): Promise<ExperimentResults> {
  const response = await fetch(`${platform.url}/experiments/${testName}/results`);
  if (!response.ok) throw new Error(`results of ${testName} answered ${response.status}`);
  return (await response.json()) as ExperimentResults;
}

/** The recipe's experiment, with variant_b converting best. */
const RECIPE_TRAFFIC = ["--users", "400", "--purchase", "variant_a=0.1,variant_b=0.25,variant_c=0.1"];

/**
 * Simulated users (by default on the recipe's experiment; `traffic` gives other simulator options),
 * then the results once the stream consumer has counted every enrollment and purchase sent.
 */
export async function simulateTraffic(
  platform: RunningPlatform,
  seed: number,
  traffic: readonly string[] = RECIPE_TRAFFIC,
): Promise<GroundTruth> {
  console.log(`simulating traffic with seed ${seed}: ${traffic.join(" ")}`);
  const { options } = parseSimulationArgs([
    "--url",
    platform.url,
    "--seed",
    String(seed),
    "--click",
    "0.35",
    "--add-to-cart",
    "0.25",
    ...traffic,
  ]);
  const truth = await simulate(options);
  const enrolled = Object.values(truth.variants).reduce((sum, variant) => sum + variant.users, 0);
  const purchasers = Object.values(truth.variants).reduce(
    (sum, variant) => sum + variant.events.purchase.users,
    0,
  );
  const deadline = Date.now() + 90_000;
  for (;;) {
    const results = await fetchResults(platform, truth.test_name);
    const users = Object.values(results.users).reduce((sum, n) => sum + n, 0);
    const purchases = results.metrics
      .find((metric) => metric.name === "purchase_rate")!
      .variants.reduce((sum, variant) => sum + variant.sum, 0);
    if (users === enrolled && purchases === purchasers) return truth;
    if (Date.now() > deadline) throw new Error(`counters did not settle: ${users} of ${enrolled} users`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
