/**
 * What every metric reduces to: per-variant sums over enrolled users (a user counts once).
 * Ratio metrics add the denominator's sums and the cross sum Σ numerator·denominator.
 */
export interface SufficientStats {
  readonly n: number;
  readonly sum: number;
  readonly sum_squares: number;
  readonly den_sum?: number;
  readonly den_sum_squares?: number;
  readonly cross_sum?: number;
}

export type MetricKind = "binomial" | "mean" | "ratio";
