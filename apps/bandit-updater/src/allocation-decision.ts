import { BANDIT_DEFAULTS, banditWeights, periodWeightedEstimate } from "@personalize-ab/statistics";
import { banditPeriods, type StratumCell } from "./period-strata";

/** The bandit settings of an experiment's allocation; `burn_in` and `update_every` in seconds. */
export interface BanditPlan {
  readonly metric: string;
  readonly burn_in: number;
  readonly update_every: number;
  readonly floor?: number;
  readonly min_users_per_variant?: number;
  readonly winner_probability?: number;
  readonly complete_on_winner?: boolean;
}

/** The part of an allocation period the decision reads. */
export interface PeriodStart {
  readonly index: number;
  /** Milliseconds since the epoch. */
  readonly started_at: number;
  readonly weights: Readonly<Record<string, number>>;
}

export interface AllocationInput {
  readonly plan: BanditPlan;
  /** The experiment's variant ids, in record order. */
  readonly variants: readonly string[];
  /** The allocation periods so far, oldest first; the last one is in force. */
  readonly periods: readonly PeriodStart[];
  /** The bandit metric's counter cells, one per stratum and variant (holdout cells are ignored). */
  readonly cells: readonly StratumCell[];
  readonly lowerIsBetter?: boolean;
  readonly nowMs: number;
}

/** Nothing to write this round, and why. */
export type AllocationWait =
  | { readonly action: "wait"; readonly reason: "not_due"; readonly due_at: number }
  | { readonly action: "wait"; readonly reason: "burn_in"; readonly burn_in_ends_at: number }
  | {
      readonly action: "wait";
      readonly reason: "too_few_users";
      readonly users: Record<string, number>;
      readonly min_users_per_variant: number;
    };

export type AllocationDecision =
  | AllocationWait
  /** Start a new period with these weights. `winner` is set when an arm reached the winner probability. */
  | {
      readonly action: "reweight";
      readonly reason: "burn_in" | "updated";
      readonly weights: Record<string, number>;
      readonly p_best: Record<string, number> | null;
      readonly winner: string | null;
    }
  /** An arm reached the winner probability and the plan asks to complete with it. */
  | { readonly action: "complete"; readonly winner: string; readonly p_best: Record<string, number> };

const WEIGHT_TOLERANCE = 1e-9;

function sameWeights(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>) {
  return Object.keys(b).every((id) => Math.abs((a[id] ?? 0) - b[id]!) <= WEIGHT_TOLERANCE);
}

/**
 * What the scheduled updater does with one active bandit experiment now: keep equal weights until
 * `burn_in` seconds after the first period started; then, once per `update_every` seconds after
 * the current period started, Thompson-sampling weights (P(best) by quadrature over the
 * period-weighted estimates, with the additive floor) when every arm has enough users; and the
 * winner, completing the experiment if the plan says so.
 */
export function decideAllocation(input: AllocationInput): AllocationDecision {
  const { plan, variants, nowMs } = input;
  const first = input.periods[0];
  const current = input.periods.at(-1);
  if (!first || !current) throw new Error("a bandit experiment has at least its first allocation period");

  const burnInEndsAt = first.started_at + plan.burn_in * 1000;
  if (nowMs < burnInEndsAt) {
    const equal = Object.fromEntries(variants.map((id) => [id, 1 / variants.length]));
    if (sameWeights(current.weights, equal)) {
      return { action: "wait", reason: "burn_in", burn_in_ends_at: burnInEndsAt };
    }
    return { action: "reweight", reason: "burn_in", weights: equal, p_best: null, winner: null };
  }

  const dueAt = current.started_at + plan.update_every * 1000;
  if (nowMs < dueAt) return { action: "wait", reason: "not_due", due_at: dueAt };

  const minUsers = plan.min_users_per_variant ?? BANDIT_DEFAULTS.min_users_per_variant;
  const arms = periodWeightedEstimate(banditPeriods(input.cells, variants));
  const result = banditWeights({
    arms: Object.fromEntries(variants.map((id) => [id, arms[id] ?? { n: 0, mean: 0, variance: 0 }])),
    current: current.weights,
    settings: {
      floor: plan.floor ?? BANDIT_DEFAULTS.floor,
      min_users_per_variant: minUsers,
      winner_probability: plan.winner_probability ?? BANDIT_DEFAULTS.winner_probability,
      lower_is_better: input.lowerIsBetter ?? false,
    },
  });
  if (result.update !== "updated" || !result.p_best) {
    const users = Object.fromEntries(variants.map((id) => [id, arms[id]?.n ?? 0]));
    return { action: "wait", reason: "too_few_users", users, min_users_per_variant: minUsers };
  }
  if (result.winner && plan.complete_on_winner) {
    return { action: "complete", winner: result.winner, p_best: result.p_best };
  }
  return {
    action: "reweight",
    reason: "updated",
    weights: result.weights,
    p_best: result.p_best,
    winner: result.winner,
  };
}
