import type { Effect } from "./effect";
import { DEGENERATE_TEST, type IntervalTest, testWithoutVariance } from "./interval-test";

/** GrowthBook's and Eppo's default tuning N*: the sample size where the sequence is tightest. */
export const DEFAULT_SEQUENTIAL_TUNING = 5000;

/** ρ = √((−2 ln α + ln(−2 ln α + 1)) / N*). */
export function sequentialRho(alpha: number, tuning: number): number {
  const logTerm = -2 * Math.log(alpha);
  return Math.sqrt((logTerm + Math.log(logTerm + 1)) / tuning);
}

/**
 * Half-width of the asymptotic confidence sequence for an effect whose standard error is `se`
 * with n = n_T + n_C users: √(SE²·n) · √(2(nρ²+1)/(n²ρ²) · ln(√(nρ²+1)/α)). Valid at every look.
 */
export function sequentialHalfWidth(se: number, n: number, alpha: number, tuning: number): number {
  const rho2 = sequentialRho(alpha, tuning) ** 2;
  const s2 = se * se * n;
  const radical = ((2 * (n * rho2 + 1)) / (n * n * rho2)) * Math.log(Math.sqrt(n * rho2 + 1) / alpha);
  return Math.sqrt(s2) * Math.sqrt(radical);
}

/** How many standard errors the sequence is wide: its multiplier against the fixed z. */
export function sequentialMultiplier(n: number, alpha: number, tuning: number): number {
  return sequentialHalfWidth(1, n, alpha, tuning);
}

/**
 * The always-valid test: the confidence sequence as interval, and the matching mSPRT p-value
 * p = min(1, 1/e), e = exp(ρ²S²/(2(nρ²+1))) / √(nρ²+1), S² = Δ²·n/SE².
 */
export function sequentialTest(
  effect: Effect,
  totalUsers: number,
  alpha: number,
  tuning: number,
): IntervalTest {
  const exact = testWithoutVariance(effect);
  if (exact) return exact;
  if (totalUsers <= 0) return DEGENERATE_TEST;
  const se = Math.sqrt(effect.variance);
  const n = totalUsers;
  const halfWidth = sequentialHalfWidth(se, n, alpha, tuning);
  const rho2 = sequentialRho(alpha, tuning) ** 2;
  const s2 = (effect.estimate ** 2 * n) / effect.variance;
  // In logs: the exponent overflows for effects far from zero, where p is 0 anyway.
  const logE = (rho2 * s2) / (2 * (n * rho2 + 1)) - 0.5 * Math.log(n * rho2 + 1);
  return {
    p_value: Math.min(1, Math.exp(-logE)),
    ci: [effect.estimate - halfWidth, effect.estimate + halfWidth],
  };
}
