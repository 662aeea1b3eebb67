import { type BayesianResult, bayesianTest, type GaussianPrior } from "./bayesian-test";
import { absoluteEffect, type Effect, type EffectBasis, relativeEffect } from "./effect";
import type { IntervalTest } from "./interval-test";
import { relativeMde } from "./power";
import { sequentialTest } from "./sequential-test";
import type { MetricKind, SufficientStats } from "./sufficient-statistics";
import { summarizeVariant, type VariantSummary } from "./variant-summary";
import { welchTTest } from "./welch-t-test";

export type AnalysisMethod = "sequential" | "fixed";

export interface ComparisonSettings {
  readonly alpha: number;
  readonly method: AnalysisMethod;
  readonly tuning: number;
  readonly prior?: GaussianPrior;
  readonly lowerIsBetter: boolean;
}

/** Why a comparison has no relative lift. */
export type RelativeLiftReason = "control_is_zero";

/** One treatment against the control on one metric, before any multiple-comparison correction. */
export interface UnadjustedComparison {
  /** What the data can say: an estimate with a standard error, or one of the zero-variance cases. */
  readonly basis: EffectBasis;
  readonly absolute_difference: number;
  /** Interval on the absolute difference, by the metric's method; [d, d] when the difference is certain. */
  readonly absolute_ci: readonly [number, number];
  /** Null when the control's value is 0, where a relative change has no meaning. */
  readonly relative_lift: number | null;
  /** Why `relative_lift` is null; null when it is given. */
  readonly relative_lift_reason: RelativeLiftReason | null;
  /**
   * Interval on the relative lift, by the metric's method; null when there is no relative lift
   * (read `absolute_ci`). Never [0, 0] for "none": that would read as a certain zero lift.
   */
  readonly ci: readonly [number, number] | null;
  /** On the relative lift, or on the absolute difference when there is no relative lift. */
  readonly p_value: number;
  readonly chance_to_win: number;
  /** Relative scale, like `ci`; null when there is no relative lift. */
  readonly credible_interval: readonly [number, number] | null;
  /** Expected relative loss [choosing control, choosing variant], like `ci`; null when there is no relative lift. */
  readonly risk: readonly [number, number] | null;
  /** Relative effect detectable with 80 % power at the current sample sizes, or null. */
  readonly mde: number | null;
}

function frequentistTest(
  effect: Effect,
  control: VariantSummary,
  treatment: VariantSummary,
  settings: ComparisonSettings,
): IntervalTest {
  return settings.method === "fixed"
    ? welchTTest(effect, control, treatment, settings.alpha)
    : sequentialTest(effect, control.n + treatment.n, settings.alpha, settings.tuning);
}

/**
 * Everything the results show for one comparison. Effects are relative (delta method), the
 * frequentist test follows the method, the Bayesian part is always computed alongside. With the
 * control at 0 there is no relative effect: p and chance to win come from the absolute difference
 * (improper prior: the configured prior is on the relative lift).
 */
export function compareVariants(
  kind: MetricKind,
  controlStats: SufficientStats,
  treatmentStats: SufficientStats,
  settings: ComparisonSettings,
): UnadjustedComparison {
  const control = summarizeVariant(kind, controlStats);
  const treatment = summarizeVariant(kind, treatmentStats);
  const absolute = absoluteEffect(control, treatment);
  const relative = relativeEffect(control, treatment);
  const absoluteTest = frequentistTest(absolute, control, treatment, settings);
  const test = relative ? frequentistTest(relative, control, treatment, settings) : absoluteTest;
  const bayesian: BayesianResult = bayesianTest(relative ?? absolute, settings.alpha, {
    ...(settings.prior && relative ? { prior: settings.prior } : {}),
    lowerIsBetter: settings.lowerIsBetter,
  });
  return {
    basis: absolute.basis,
    absolute_difference: absolute.estimate,
    absolute_ci: absoluteTest.ci,
    relative_lift: relative ? relative.estimate : null,
    relative_lift_reason: relative ? null : "control_is_zero",
    ci: relative ? test.ci : null,
    p_value: test.p_value,
    chance_to_win: bayesian.chance_to_win,
    credible_interval: relative ? bayesian.credible_interval : null,
    risk: relative ? bayesian.risk : null,
    mde: relativeMde(control, treatment.n, {
      alpha: settings.alpha,
      ...(settings.method === "sequential" ? { sequentialTuning: settings.tuning } : {}),
    }),
  };
}
