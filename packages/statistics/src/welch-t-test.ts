import { studentTCdf, studentTQuantile } from "./distributions";
import type { Effect } from "./effect";
import { type IntervalTest, testWithoutVariance } from "./interval-test";
import type { VariantSummary } from "./variant-summary";

/**
 * Welch–Satterthwaite degrees of freedom from the per-variant variances (the same ν whether
 * the effect is absolute or relative). A side without variance adds nothing to either sum, so
 * with one constant side ν is the other side's n − 1. Needs n ≥ 2 on both sides and a variance
 * on at least one (an effect of basis `estimate`).
 */
export function welchDegreesOfFreedom(control: VariantSummary, treatment: VariantSummary): number {
  const a = treatment.variance / treatment.n;
  const b = control.variance / control.n;
  return (a + b) ** 2 / (a ** 2 / (treatment.n - 1) + b ** 2 / (control.n - 1));
}

/** Fixed-horizon Welch t: p = 2(1 − F_t(|Δ/SE|; ν)), CI = Δ ± F_t⁻¹(1 − α/2; ν)·SE. */
export function welchTTest(
  effect: Effect,
  control: VariantSummary,
  treatment: VariantSummary,
  alpha: number,
): IntervalTest {
  const exact = testWithoutVariance(effect);
  if (exact) return exact;
  const se = Math.sqrt(effect.variance);
  const dof = welchDegreesOfFreedom(control, treatment);
  const t = effect.estimate / se;
  const p = 2 * (1 - studentTCdf(Math.abs(t), dof));
  const halfWidth = studentTQuantile(1 - alpha / 2, dof) * se;
  return { p_value: Math.min(1, p), ci: [effect.estimate - halfWidth, effect.estimate + halfWidth] };
}
