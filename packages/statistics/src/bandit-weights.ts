import type { ArmEstimate } from "./period-weighted-estimate";
import { probabilityBest } from "./probability-best";

/** The bandit defaults of the statistics doc (GrowthBook's). */
export const BANDIT_DEFAULTS = {
  floor: 0.01,
  min_users_per_variant: 100,
  winner_probability: 0.95,
} as const;

export interface BanditSettings {
  /** Additive floor f: every arm keeps at least f of the traffic; K·f must be below 1. */
  readonly floor?: number;
  readonly min_users_per_variant?: number;
  readonly winner_probability?: number;
  readonly lower_is_better?: boolean;
}

export interface BanditWeightsInput {
  /** Period-weighted estimates per arm (see periodWeightedEstimate). */
  readonly arms: Readonly<Record<string, ArmEstimate>>;
  /** Weights now in force, kept when no update is allowed yet; equal when absent. */
  readonly current?: Readonly<Record<string, number>>;
  /** True while the experiment is in its burn-in: weights stay equal. The caller owns the clock. */
  readonly in_burn_in?: boolean;
  readonly settings?: BanditSettings;
}

export type BanditUpdate = "burn_in" | "too_few_users" | "updated";

export interface BanditWeightsResult {
  readonly weights: Record<string, number>;
  /** P(best) per arm; null when no update was made. */
  readonly p_best: Record<string, number> | null;
  /** The arm whose P(best) reached winner_probability, if any. */
  readonly winner: string | null;
  readonly update: BanditUpdate;
}

/**
 * Thompson-sampling weights: P(best) by deterministic quadrature over the arms' Gaussian
 * posteriors N(ȳ_v, Var(ȳ_v)), then the additive floor p_i = f + (1 − K·f)·P(best)_i. Equal
 * weights during burn-in; no update until every arm has min_users_per_variant users; a winner
 * once an arm's P(best) ≥ winner_probability.
 */
export function banditWeights(input: BanditWeightsInput): BanditWeightsResult {
  const ids = Object.keys(input.arms);
  const floor = input.settings?.floor ?? BANDIT_DEFAULTS.floor;
  const minUsers = input.settings?.min_users_per_variant ?? BANDIT_DEFAULTS.min_users_per_variant;
  const winnerProbability = input.settings?.winner_probability ?? BANDIT_DEFAULTS.winner_probability;
  if (floor < 0 || ids.length * floor > 1) {
    throw new RangeError(`floor ${floor} must be in [0, 1/${ids.length}] for ${ids.length} arms`);
  }
  const equal = Object.fromEntries(ids.map((id) => [id, 1 / ids.length]));
  if (input.in_burn_in) return { weights: equal, p_best: null, winner: null, update: "burn_in" };
  if (ids.some((id) => input.arms[id]!.n < minUsers)) {
    return { weights: { ...(input.current ?? equal) }, p_best: null, winner: null, update: "too_few_users" };
  }
  const sign = input.settings?.lower_is_better ? -1 : 1;
  const shares = probabilityBest(
    ids.map((id) => ({ mean: sign * input.arms[id]!.mean, sd: Math.sqrt(input.arms[id]!.variance) })),
  );
  const pBest = Object.fromEntries(ids.map((id, i) => [id, shares[i]!]));
  const weights = Object.fromEntries(ids.map((id, i) => [id, floor + (1 - ids.length * floor) * shares[i]!]));
  const leader = ids.reduce((a, b) => (pBest[b]! > pBest[a]! ? b : a));
  return {
    weights,
    p_best: pBest,
    winner: pBest[leader]! >= winnerProbability ? leader : null,
    update: "updated",
  };
}
