import { chiSquareSurvival } from "./distributions";

/** A sample ratio mismatch is declared below this p-value (the engines' common threshold). */
export const SRM_P_VALUE_THRESHOLD = 0.001;
/** The check is shown once there are at least this many users per variant on average. */
export const SRM_MIN_USERS_PER_VARIANT = 8;

export interface SrmResult {
  readonly p_value: number;
  readonly mismatch: boolean;
  readonly expected: Record<string, number>;
  readonly observed: Record<string, number>;
}

/** One allocation period: the users who first arrived while these weights were in force. */
export interface AllocationPeriod {
  readonly users: Record<string, number>;
  readonly weights: Record<string, number>;
}

/**
 * Expected users per variant when the weights changed over time: expected_v = Σ_p N_p·w_{v,p},
 * N_p the users enrolled in period p among the variants it gave weight to.
 */
export function expectedUsersByPeriod(periods: readonly AllocationPeriod[]): Record<string, number> {
  const expected: Record<string, number> = {};
  for (const period of periods) {
    const live = Object.entries(period.weights).filter(([, weight]) => weight > 0);
    const totalWeight = live.reduce((sum, [, weight]) => sum + weight, 0);
    const periodUsers = live.reduce((sum, [variant]) => sum + (period.users[variant] ?? 0), 0);
    for (const [variant, weight] of Object.entries(period.weights)) {
      expected[variant] = (expected[variant] ?? 0) + (weight > 0 ? (periodUsers * weight) / totalWeight : 0);
    }
  }
  return expected;
}

/** Pearson χ² of observed against expected counts, k − 1 degrees of freedom; zero-expectation arms dropped. */
export function pearsonChiSquare(
  observed: Record<string, number>,
  expected: Record<string, number>,
): { statistic: number; degreesOfFreedom: number; p_value: number } {
  const arms = Object.keys(expected).filter((variant) => (expected[variant] ?? 0) > 0);
  if (arms.length < 2) return { statistic: 0, degreesOfFreedom: 0, p_value: 1 };
  const statistic = arms.reduce((sum, variant) => {
    const e = expected[variant]!;
    return sum + ((observed[variant] ?? 0) - e) ** 2 / e;
  }, 0);
  const degreesOfFreedom = arms.length - 1;
  return { statistic, degreesOfFreedom, p_value: chiSquareSurvival(statistic, degreesOfFreedom) };
}

/**
 * SRM against fixed weights. Variants with weight 0 are dropped before anything else (counting
 * them, as one of GrowthBook's functions does, inflates the statistic); the rest are renormalised.
 */
export function sampleRatioMismatch(
  users: Record<string, number>,
  weights: Record<string, number>,
): SrmResult {
  return sampleRatioMismatchByPeriod([{ users, weights }]);
}

/** SRM when the weights changed during the experiment: per-period expectations, summed. */
export function sampleRatioMismatchByPeriod(periods: readonly AllocationPeriod[]): SrmResult {
  const expected = expectedUsersByPeriod(periods);
  const observed: Record<string, number> = {};
  for (const variant of Object.keys(expected)) {
    observed[variant] = periods.reduce((sum, period) => sum + (period.users[variant] ?? 0), 0);
  }
  const { p_value } = pearsonChiSquare(observed, expected);
  return { p_value, mismatch: p_value < SRM_P_VALUE_THRESHOLD, expected, observed };
}

/**
 * Whether there are enough users for the check to mean anything: two or more arms with traffic
 * and users ≥ 8 × arms. With no users no arm has an expectation, and nothing was checked.
 */
export function srmCheckApplies(totalUsers: number, variantCount: number): boolean {
  return variantCount >= 2 && totalUsers > 0 && totalUsers >= SRM_MIN_USERS_PER_VARIANT * variantCount;
}
