import type { CounterCell, ExperimentStore } from "@personalize-ab/adapters";
import {
  type BanditAllocation,
  changeStatus,
  type Experiment,
  ExperimentConflict,
  metricsOf,
  startAllocationPeriod,
} from "@personalize-ab/domain";
import { type AllocationDecision, decideAllocation } from "./allocation-decision";

/** Who the history says made the bandit's writes. */
export const BANDIT_CALLER = "bandit-updater";

export type ExperimentOutcome =
  | { readonly test_name: string; readonly outcome: "waited"; readonly decision: AllocationDecision }
  | {
      readonly test_name: string;
      readonly outcome: "reweighted" | "completed";
      readonly decision: AllocationDecision;
      readonly version: number;
    }
  /** The record changed since it was listed: this round leaves it alone, the next one reads it again. */
  | { readonly test_name: string; readonly outcome: "conflict" }
  | { readonly test_name: string; readonly outcome: "failed"; readonly error: string };

export interface BanditRoundDependencies {
  readonly store: Pick<ExperimentStore, "list" | "save">;
  /** Every counter cell of an experiment, summed over shards. */
  readonly readCounters: (testName: string) => Promise<CounterCell[]>;
  readonly nowMs: () => number;
}

type BanditExperiment = Experiment & { readonly allocation: BanditAllocation };

const isActiveBandit = (record: Experiment): record is BanditExperiment =>
  record.status === "active" && record.allocation?.type === "bandit";

async function decide(record: BanditExperiment, deps: BanditRoundDependencies, nowMs: number) {
  const plan = record.allocation;
  const metric = metricsOf(record).find((definition) => definition.name === plan.metric);
  // The record's validation refuses both already (experiment-rules.ts); kept as a defence for a
  // record that reached the table some other way: a ratio has no per-user mean to sample.
  if (!metric || metric.kind === "ratio") {
    throw new Error(`bandit metric ${plan.metric} must be a binomial or mean metric of ${record.name}`);
  }
  // Cells written before counters had a stratum read as the first period's (cellAddressOf).
  const cells = (await deps.readCounters(record.name)).filter((cell) => cell.metric === plan.metric);
  return decideAllocation({
    plan,
    variants: record.variants.map((variant) => variant.id),
    periods: record.periods,
    cells,
    lowerIsBetter: metric.lower_is_better ?? false,
    nowMs,
  });
}

async function updateOne(
  record: BanditExperiment,
  deps: BanditRoundDependencies,
): Promise<ExperimentOutcome> {
  const nowMs = deps.nowMs();
  const decision = await decide(record, deps, nowMs);
  const context = { caller: BANDIT_CALLER, atMs: nowMs };
  if (decision.action === "wait") return { test_name: record.name, outcome: "waited", decision };
  if (decision.action === "complete") {
    const next = changeStatus(record, { status: "completed", winner: decision.winner }, nowMs);
    const saved = await deps.store.save(record, next, "status", context);
    return { test_name: record.name, outcome: "completed", decision, version: saved.version };
  }
  const next = startAllocationPeriod(record, decision.weights, "bandit", nowMs);
  const saved = await deps.store.save(record, next, "allocation", context);
  return { test_name: record.name, outcome: "reweighted", decision, version: saved.version };
}

/**
 * One scheduled round: every active bandit experiment gets its allocation decided and, when the
 * decision changes something, written through the experiment write path (conditional on the
 * version listed). Experiments are independent: one that fails or conflicts does not stop the rest.
 */
export async function runBanditRound(deps: BanditRoundDependencies): Promise<ExperimentOutcome[]> {
  const bandits = (await deps.store.list()).filter(isActiveBandit);
  const outcomes: ExperimentOutcome[] = [];
  for (const record of bandits) {
    try {
      outcomes.push(await updateOne(record, deps));
    } catch (error) {
      if (error instanceof ExperimentConflict && error.code === "version_conflict") {
        outcomes.push({ test_name: record.name, outcome: "conflict" });
      } else {
        outcomes.push({ test_name: record.name, outcome: "failed", error: (error as Error).message });
      }
    }
  }
  return outcomes;
}
