import type { SufficientStats } from "./sufficient-statistics";
import { sampleVariance } from "./variant-summary";

/** One allocation period: each arm's sufficient statistics over the users who arrived in it. */
export type PeriodStats = Readonly<Record<string, SufficientStats>>;

export interface ArmEstimate {
  readonly n: number;
  readonly mean: number;
  /** Variance of the mean itself (SE²). */
  readonly variance: number;
}

/**
 * Per-arm means that stay unbiased when the weights change between periods: each user belongs to
 * the period of first exposure, w_p = N_p/N over all arms, ȳ_v = Σ_p w_p·ȳ_{v,p},
 * Var(ȳ_v) = Σ_p w_p²·s²_{v,p}/n_{v,p}. Every arm is weighted by the same w_p, so a period in
 * which one arm got most of the traffic counts no more for it than for the others (pooling the
 * raw counts instead gives Simpson's paradox). s² is the sample variance (n − 1) even for 0/1
 * values: a weighted sum of proportions is a mean statistic. Periods in which some arm has fewer
 * than two users say nothing about that arm's spread and are left out for every arm.
 */
export function periodWeightedEstimate(periods: readonly PeriodStats[]): Record<string, ArmEstimate> {
  const arms = [...new Set(periods.flatMap((period) => Object.keys(period)))];
  const usable = periods.filter((period) => arms.every((arm) => (period[arm]?.n ?? 0) >= 2));
  const periodUsers = usable.map((period) => arms.reduce((sum, arm) => sum + period[arm]!.n, 0));
  const totalUsers = periodUsers.reduce((sum, n) => sum + n, 0);
  const estimates: Record<string, ArmEstimate> = {};
  for (const arm of arms) {
    let mean = 0;
    let variance = 0;
    let n = 0;
    usable.forEach((period, p) => {
      const stats = period[arm]!;
      const weight = periodUsers[p]! / totalUsers;
      mean += weight * (stats.sum / stats.n);
      variance += (weight * weight * sampleVariance(stats.n, stats.sum, stats.sum_squares)) / stats.n;
      n += stats.n;
    });
    estimates[arm] = { n, mean: totalUsers > 0 ? mean : 0, variance };
  }
  return estimates;
}

/** The naive alternative, for comparison only: raw sums pooled across periods. */
export function pooledEstimate(periods: readonly PeriodStats[]): Record<string, ArmEstimate> {
  const arms = [...new Set(periods.flatMap((period) => Object.keys(period)))];
  const estimates: Record<string, ArmEstimate> = {};
  for (const arm of arms) {
    const n = periods.reduce((sum, period) => sum + (period[arm]?.n ?? 0), 0);
    const sum = periods.reduce((total, period) => total + (period[arm]?.sum ?? 0), 0);
    const sumSquares = periods.reduce((total, period) => total + (period[arm]?.sum_squares ?? 0), 0);
    estimates[arm] = {
      n,
      mean: n > 0 ? sum / n : 0,
      variance: n > 0 ? sampleVariance(n, sum, sumSquares) / n : 0,
    };
  }
  return estimates;
}
