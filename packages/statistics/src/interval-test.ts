/** What a frequentist test says about one effect: a two-sided p-value and an interval. */
export interface IntervalTest {
  readonly p_value: number;
  readonly ci: readonly [number, number];
}

/** The answer for an effect the data cannot speak to: no evidence, no interval. */
export const DEGENERATE_TEST: IntervalTest = { p_value: 1, ci: [0, 0] };
