import { type BayesianResult, bayesianTest, type GaussianPrior } from "./bayesian-test";
import { absoluteEffect, relativeEffect } from "./effect";
import { relativeMde } from "./power";
import { sequentialTest } from "./sequential-test";
import type { MetricKind, SufficientStats } from "./sufficient-statistics";
import { summarizeVariant } from "./variant-summary";
import { welchTTest } from "./welch-t-test";

export type AnalysisMethod = "sequential" | "fixed";

export interface ComparisonSettings {
  readonly alpha: number;
  readonly method: AnalysisMethod;
  readonly tuning: number;
  readonly prior?: GaussianPrior;
  readonly lowerIsBetter: boolean;
}

/** One treatment against the control on one metric, before any multiple-comparison correction. */
export interface UnadjustedComparison {
  readonly absolute_difference: number;
  /** Null when the control's value is 0, where a relative change has no meaning. */
  readonly relative_lift: number | null;
  /** Interval on the relative lift, by the metric's method. */
  readonly ci: readonly [number, number];
  readonly p_value: number;
  readonly chance_to_win: number;
  readonly credible_interval: readonly [number, number];
  readonly risk: readonly [number, number];
  /** Relative effect detectable with 80 % power at the current sample sizes, or null. */
  readonly mde: number | null;
}

/**
 * Everything the results show for one comparison. Effects are relative (delta method), the
 * frequentist test follows the method, the Bayesian part is always computed alongside.
 */
export function compareVariants(
  kind: MetricKind,
  controlStats: SufficientStats,
  treatmentStats: SufficientStats,
  settings: ComparisonSettings,
): UnadjustedComparison {
  const control = summarizeVariant(kind, controlStats);
  const treatment = summarizeVariant(kind, treatmentStats);
  const relative = relativeEffect(control, treatment);
  const test =
    settings.method === "fixed"
      ? welchTTest(relative, control, treatment, settings.alpha)
      : sequentialTest(relative, control.n + treatment.n, settings.alpha, settings.tuning);
  const bayesian: BayesianResult = bayesianTest(relative, settings.alpha, {
    ...(settings.prior ? { prior: settings.prior } : {}),
    lowerIsBetter: settings.lowerIsBetter,
  });
  return {
    absolute_difference: absoluteEffect(control, treatment).estimate,
    relative_lift: control.mean === 0 ? null : relative.estimate,
    ci: test.ci,
    p_value: test.p_value,
    chance_to_win: bayesian.chance_to_win,
    credible_interval: bayesian.credible_interval,
    risk: bayesian.risk,
    mde: relativeMde(control, treatment.n, {
      alpha: settings.alpha,
      ...(settings.method === "sequential" ? { sequentialTuning: settings.tuning } : {}),
    }),
  };
}
