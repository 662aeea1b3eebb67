import type { Effect } from "./effect";

/** What a frequentist test says about one effect: a two-sided p-value and an interval. */
export interface IntervalTest {
  readonly p_value: number;
  readonly ci: readonly [number, number];
}

/** The answer for an effect the data cannot speak to: no evidence, no interval. */
export const DEGENERATE_TEST: IntervalTest = { p_value: 1, ci: [0, 0] };

/**
 * The answer for an effect without a standard error, or null when it has one (basis `estimate`)
 * and the test's own formula applies. Said case by case rather than left to a division by 0.
 */
export function testWithoutVariance(effect: Effect): IntervalTest | null {
  switch (effect.basis) {
    case "estimate":
      return null;
    case "certain":
      // Both sides constant and different: the difference is the estimate, with no doubt.
      return { p_value: 0, ci: [effect.estimate, effect.estimate] };
    case "no_difference":
      return { p_value: 1, ci: [0, 0] };
    case "too_few_users":
      return DEGENERATE_TEST;
  }
}
