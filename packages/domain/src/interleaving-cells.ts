import {
  type PreferenceResult,
  type PreferenceSums,
  preferenceOfSums,
  preferenceSumsOf,
  type UserCredits,
} from "@personalize-ab/statistics";
import { INTERLEAVING_CLICK_EVENT_TYPES } from "./interleaving";
import {
  type CreditedImpressions,
  type InterleavingAnalysis,
  interleavingPairs,
  type PairResult,
} from "./interleaving-credits";

/**
 * A pair's sufficient statistics over users (statistics' `PreferenceSums`: each user once, by
 * their preference) and the credit totals. The counters keep one per pair.
 */
export interface PairCell extends PreferenceSums {
  readonly wins: number;
  readonly losses: number;
  readonly ties: number;
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
  if (credits === undefined) return EMPTY_PAIR_CELL;
  const sums = preferenceSumsOf([credits]);
  if (sums.users === 0) return EMPTY_PAIR_CELL;
  return { ...sums, wins: credits.wins, losses: credits.losses, ties: credits.ties };
}

/** `x + sign · y`, field by field. */
export function combinePairCells(x: PairCell, y: PairCell, sign: 1 | -1 = 1): PairCell {
  return Object.fromEntries(
    PAIR_CELL_FIELDS.map((field) => [field, x[field] + sign * y[field]]),
  ) as unknown as PairCell;
}

/** The per-user preference test of statistics' `interleavingPreference`, from a pair's sums. */
export function preferenceOfCell(cell: PairCell, alpha = 0.05): PreferenceResult {
  return preferenceOfSums(cell, alpha);
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
