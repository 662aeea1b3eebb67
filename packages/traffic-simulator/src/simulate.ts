import pMap from "p-map";
import { RunKind } from "./experiment-kind";
import { sendFunnel, skippedVariant } from "./funnel-events";
import { type GroundTruth, type SimulationTruth, variantTruth } from "./ground-truth";
import { clickInterleavedList } from "./interleaved-clicks";
import { type InterleavingTruth, interleavingTruth, type ShownList } from "./interleaving-truth";
import { PlatformClient } from "./platform-client";
import type { SimulationOptions } from "./simulation-options";
import { planUsers, type UserPlan } from "./user-plan";

/**
 * Runs every synthetic user against the platform and returns exactly what was sent: an A/B
 * test's funnel, or an interleaving experiment's clicks, as the options say or else as the first
 * answer shows. Options of the other kind are refused with the first answer.
 */
export async function simulateExperiment(options: SimulationOptions): Promise<SimulationTruth> {
  const client = new PlatformClient(options.url);
  const kind = new RunKind(options.testName, options.kind);
  const ab: GroundTruth = { kind: "ab", test_name: options.testName, seed: options.seed, variants: {} };
  const shown: ShownList[] = [];

  const simulateUser = async (plan: UserPlan) => {
    const skipped = skippedVariant(plan, options);
    if (skipped !== undefined) {
      variantTruth(ab, skipped).skipped_users += 1;
      return;
    }
    const served = await client.recommendations({
      user_id: plan.userId,
      test_name: options.testName,
      num_results: options.numResults,
    });
    if (kind.confirm(served) === "interleaving")
      shown.push(await clickInterleavedList(plan, served, options, client));
    else await sendFunnel(plan, served, options, client, ab);
  };

  const [first, ...rest] = planUsers(options.seed, options.users, options.userPrefix, options.numResults);
  // The first user alone: their answer settles the kind before others are enrolled, so options
  // of the wrong kind are refused having enrolled one user.
  await simulateUser(first!);
  await pMap(rest, simulateUser, { concurrency: options.concurrency });

  if (kind.current === "interleaving") return interleavingTruth(options.testName, options.seed, shown);
  const variants = Object.entries(ab.variants).sort(([a], [b]) => a.localeCompare(b));
  return { ...ab, variants: Object.fromEntries(variants) };
}

/** An A/B test's run (the options' kind unless they give none); an interleaving experiment is refused. */
export async function simulate(options: SimulationOptions): Promise<GroundTruth> {
  const truth = await simulateExperiment({ ...options, kind: options.kind ?? "ab" });
  if (truth.kind !== "ab") throw new TypeError("simulate() runs A/B tests: use simulateInterleaving()");
  return truth;
}

/** An interleaving experiment's run; an A/B test is refused. */
export async function simulateInterleaving(options: SimulationOptions): Promise<InterleavingTruth> {
  const truth = await simulateExperiment({ ...options, kind: options.kind ?? "interleaving" });
  if (truth.kind !== "interleaving")
    throw new TypeError("simulateInterleaving() runs interleaving experiments: use simulate()");
  return truth;
}
