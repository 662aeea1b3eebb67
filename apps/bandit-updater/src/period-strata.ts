import type { PeriodStats, SufficientStats } from "@personalize-ab/statistics";

/** A counter cell of the bandit metric, summed over enrollment days: one stratum, one variant. */
export interface StratumCell {
  /** `p<period index>` for users enrolled in that allocation period, `h` for held-out users. */
  readonly stratum: string;
  readonly variant: string;
  readonly stats: SufficientStats;
}

const PERIOD_STRATUM = /^p(\d+)$/;

function addInto(target: Record<string, SufficientStats>, variant: string, stats: SufficientStats) {
  const known = target[variant];
  target[variant] = known
    ? { n: known.n + stats.n, sum: known.sum + stats.sum, sum_squares: known.sum_squares + stats.sum_squares }
    : { n: stats.n, sum: stats.sum, sum_squares: stats.sum_squares };
}

/**
 * The bandit's periods, in period order, each with its variants' statistics. Held-out users are
 * left out: they are the uniform split the bandit is measured against, not part of its evidence.
 * Only the given variants count (a variant dropped from the record keeps its cells, unused), and
 * every one of them appears in each period, with zero users if none arrived.
 */
export function banditPeriods(cells: readonly StratumCell[], variants: readonly string[]): PeriodStats[] {
  const byPeriod = new Map<number, Record<string, SufficientStats>>();
  for (const cell of cells) {
    const match = PERIOD_STRATUM.exec(cell.stratum);
    if (!match || !variants.includes(cell.variant)) continue;
    const index = Number(match[1]);
    const period = byPeriod.get(index) ?? {};
    addInto(period, cell.variant, cell.stats);
    byPeriod.set(index, period);
  }
  return [...byPeriod.keys()]
    .sort((a, b) => a - b)
    .map((index) => {
      const period = byPeriod.get(index)!;
      return Object.fromEntries(
        variants.map((variant) => [variant, period[variant] ?? { n: 0, sum: 0, sum_squares: 0 }]),
      );
    });
}
