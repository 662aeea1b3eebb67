import type { MetricKind, SufficientStats } from "./sufficient-statistics";

/**
 * A variant reduced to what every test needs: its sample size, the metric's value and the
 * per-user variance of that value (so the variance of the value itself is variance / n).
 */
export interface VariantSummary {
  readonly n: number;
  readonly mean: number;
  readonly variance: number;
}

/**
 * How close to cancelling a difference of sums must come to be taken as exactly 0: the one-pass
 * sums cannot tell a smaller variance from their own rounding, and a variance of 1e-17 where the
 * truth is 0 would read as an absurdly certain effect instead of the exact zero-variance answer.
 */
const CANCELLATION_TOLERANCE = 1e-12;

/** `terms` summed, or 0 when the sum is within rounding of cancelling out (and never below 0). */
function cancellingSum(...terms: readonly number[]): number {
  const total = terms.reduce((a, b) => a + b, 0);
  const scale = terms.reduce((a, b) => a + Math.abs(b), 0);
  return total <= CANCELLATION_TOLERANCE * scale ? 0 : total;
}

/** Sample variance of a per-user value from its sums; 0 when there are too few users to tell. */
export function sampleVariance(n: number, sum: number, sumSquares: number): number {
  if (n <= 1) return 0;
  return cancellingSum(sumSquares, -(sum * sum) / n) / (n - 1);
}

function sampleCovariance(n: number, sumX: number, sumY: number, crossSum: number): number {
  if (n <= 1) return 0;
  return (crossSum - (sumX * sumY) / n) / (n - 1);
}

/** Mean metric: m = sum/n, s² the sample variance (n − 1). */
export function summarizeMean(stats: SufficientStats): VariantSummary {
  const mean = stats.n > 0 ? stats.sum / stats.n : 0;
  return { n: stats.n, mean, variance: sampleVariance(stats.n, stats.sum, stats.sum_squares) };
}

/**
 * Binomial metric (per-user value 0 or 1): p = sum/n, s² = p(1 − p) — the population form,
 * without the n − 1 correction, as the engines we compare with compute it.
 */
export function summarizeBinomial(stats: SufficientStats): VariantSummary {
  const p = stats.n > 0 ? stats.sum / stats.n : 0;
  return { n: stats.n, mean: p, variance: p * (1 - p) };
}

/**
 * Ratio metric R = ΣM/ΣD with the delta-method per-user variance
 * σ²_R = s²_M/m_D² + s²_D·m_M²/m_D⁴ − 2·s_MD·m_M/m_D³.
 */
export function summarizeRatio(stats: SufficientStats): VariantSummary {
  const denSum = stats.den_sum ?? 0;
  const n = stats.n;
  if (n <= 0 || denSum === 0) return { n, mean: 0, variance: 0 };
  const meanM = stats.sum / n;
  const meanD = denSum / n;
  const varianceM = sampleVariance(n, stats.sum, stats.sum_squares);
  const varianceD = sampleVariance(n, denSum, stats.den_sum_squares ?? 0);
  const covariance = sampleCovariance(n, stats.sum, denSum, stats.cross_sum ?? 0);
  // A per-user share of exactly 0 or 1 (numerator = denominator) cancels to 0 here, up to rounding.
  const variance = cancellingSum(
    varianceM / meanD ** 2,
    (varianceD * meanM ** 2) / meanD ** 4,
    -(2 * covariance * meanM) / meanD ** 3,
  );
  return { n, mean: stats.sum / denSum, variance };
}

export function summarizeVariant(kind: MetricKind, stats: SufficientStats): VariantSummary {
  switch (kind) {
    case "binomial":
      return summarizeBinomial(stats);
    case "mean":
      return summarizeMean(stats);
    case "ratio":
      return summarizeRatio(stats);
  }
}
