import {
  type PreferenceResult,
  studentTCdf,
  studentTQuantile,
  type UserCredits,
  userPreference,
} from "@personalize-ab/statistics";
import { INTERLEAVING_CLICK_EVENT_TYPES } from "./interleaving";
import {
  type CreditedImpressions,
  type InterleavingAnalysis,
  interleavingPairs,
  type PairResult,
} from "./interleaving-credits";

/**
 * A pair's sufficient statistics over users: the per-user preference's count, sum and sum of
 * squares (each user once, their preference (wins − losses)/(wins + losses + ties)), the credit
 * totals, and how many users prefer either side. The counters keep one per pair.
 */
export interface PairCell {
  readonly users: number;
  readonly sum: number;
  readonly sum_squares: number;
  readonly wins: number;
  readonly losses: number;
  readonly ties: number;
  readonly prefer_a: number;
  readonly prefer_b: number;
  readonly prefer_neither: number;
}

export const PAIR_CELL_FIELDS = [
  "users",
  "sum",
  "sum_squares",
  "wins",
  "losses",
  "ties",
  "prefer_a",
  "prefer_b",
  "prefer_neither",
] as const satisfies readonly (keyof PairCell)[];

export const EMPTY_PAIR_CELL: PairCell = Object.fromEntries(
  PAIR_CELL_FIELDS.map((field) => [field, 0]),
) as unknown as PairCell;

/** An interleaving experiment's cells: what its results are computed from. */
export interface InterleavingCells {
  readonly impressions: number;
  readonly clicked_impressions: number;
  /** Impressions each variant failed for. */
  readonly failures: Readonly<Record<string, number>>;
  /** By `pairKey(a, b)`. */
  readonly pairs: Readonly<Record<string, PairCell>>;
}

// '#' cannot occur in a variant id.
export function pairKey(a: string, b: string): string {
  return `${a}#${b}`;
}

/** One user's contribution to a pair's cell: nothing until they have a credited impression. */
export function userPairCell(credits: UserCredits | undefined): PairCell {
  const preference = credits ? userPreference(credits) : null;
  if (credits === undefined || preference === null) return EMPTY_PAIR_CELL;
  return {
    users: 1,
    sum: preference,
    sum_squares: preference * preference,
    wins: credits.wins,
    losses: credits.losses,
    ties: credits.ties,
    prefer_a: preference > 0 ? 1 : 0,
    prefer_b: preference < 0 ? 1 : 0,
    prefer_neither: preference === 0 ? 1 : 0,
  };
}

/** `x + sign · y`, field by field. */
export function combinePairCells(x: PairCell, y: PairCell, sign: 1 | -1 = 1): PairCell {
  return Object.fromEntries(
    PAIR_CELL_FIELDS.map((field) => [field, x[field] + sign * y[field]]),
  ) as unknown as PairCell;
}

// Below this share of the mean square, a variance is rounding left by summing equal preferences.
const ROUNDING_VARIANCE = 1e-12;

/**
 * The per-user preference test of `interleavingPreference` from a pair's sums: the mean with a
 * t interval and a one-sample t test of "no preference" with users − 1 degrees of freedom; with
 * fewer than two users or no spread, unanimous and non-zero is significant (p = 0).
 */
export function preferenceOfCell(cell: PairCell, alpha = 0.05): PreferenceResult {
  const n = cell.users;
  const users_preferring = { a: cell.prefer_a, b: cell.prefer_b, neither: cell.prefer_neither };
  const mean = n > 0 ? cell.sum / n : 0;
  const spread = n > 1 ? (cell.sum_squares - (cell.sum * cell.sum) / n) / (n - 1) : 0;
  const variance = spread <= ROUNDING_VARIANCE * (n > 0 ? cell.sum_squares / n : 0) ? 0 : spread;
  if (n < 2 || variance <= 0) {
    const unanimous = n >= 2 && mean !== 0;
    return {
      users: n,
      preference: mean,
      ci: [mean, mean],
      p_value: unanimous ? 0 : 1,
      significant: unanimous,
      users_preferring,
    };
  }
  const se = Math.sqrt(variance / n);
  const p = Math.min(1, 2 * (1 - studentTCdf(Math.abs(mean / se), n - 1)));
  const halfWidth = studentTQuantile(1 - alpha / 2, n - 1) * se;
  return {
    users: n,
    preference: mean,
    ci: [mean - halfWidth, mean + halfWidth],
    p_value: p,
    significant: p < alpha,
    users_preferring,
  };
}

/** The cells of credited impressions: each user's contribution summed per pair. */
export function interleavingCellsOf(
  variants: readonly string[],
  credited: CreditedImpressions,
): InterleavingCells {
  const pairs: Record<string, PairCell> = {};
  interleavingPairs(variants).forEach(({ a, b }, index) => {
    let cell = EMPTY_PAIR_CELL;
    for (const credits of credited.perPair[index]!.values())
      cell = combinePairCells(cell, userPairCell(credits));
    pairs[pairKey(a, b)] = cell;
  });
  return {
    impressions: credited.impressions,
    clicked_impressions: credited.clicked_impressions,
    failures: credited.failures,
    pairs,
  };
}

/** The analysis of `analyseInterleaving`, computed from the cells in O(pairs). */
export function interleavingAnalysisOfCells(
  variants: readonly string[],
  cells: InterleavingCells,
  alpha?: number,
): InterleavingAnalysis {
  return {
    click_event_types: INTERLEAVING_CLICK_EVENT_TYPES,
    impressions: cells.impressions,
    clicked_impressions: cells.clicked_impressions,
    failures: Object.fromEntries(variants.map((variant) => [variant, cells.failures[variant] ?? 0])),
    pairs: interleavingPairs(variants).map(({ a, b }): PairResult => {
      const cell = cells.pairs[pairKey(a, b)] ?? EMPTY_PAIR_CELL;
      const preference = preferenceOfCell(cell, alpha);
      return {
        a,
        b,
        ...preference,
        wins: cell.wins,
        losses: cell.losses,
        ties: cell.ties,
        favours: preference.significant ? (preference.preference > 0 ? a : b) : null,
      };
    }),
  };
}
