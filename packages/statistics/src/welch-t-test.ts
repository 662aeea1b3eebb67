import { studentTCdf, studentTQuantile } from "./distributions";
import type { Effect } from "./effect";
import { DEGENERATE_TEST, type IntervalTest } from "./interval-test";
import type { VariantSummary } from "./variant-summary";

/**
 * Welch–Satterthwaite degrees of freedom from the per-variant variances (the same ν whether
 * the effect is absolute or relative).
 */
export function welchDegreesOfFreedom(control: VariantSummary, treatment: VariantSummary): number {
  const a = treatment.variance / treatment.n;
  const b = control.variance / control.n;
  return (
    (a + b) ** 2 /
    (treatment.variance ** 2 / (treatment.n ** 2 * (treatment.n - 1)) +
      control.variance ** 2 / (control.n ** 2 * (control.n - 1)))
  );
}

/** Fixed-horizon Welch t: p = 2(1 − F_t(|Δ/SE|; ν)), CI = Δ ± F_t⁻¹(1 − α/2; ν)·SE. */
export function welchTTest(
  effect: Effect,
  control: VariantSummary,
  treatment: VariantSummary,
  alpha: number,
): IntervalTest {
  if (effect.degenerate || effect.variance <= 0) return DEGENERATE_TEST;
  const se = Math.sqrt(effect.variance);
  const dof = welchDegreesOfFreedom(control, treatment);
  const t = effect.estimate / se;
  const p = 2 * (1 - studentTCdf(Math.abs(t), dof));
  const halfWidth = studentTQuantile(1 - alpha / 2, dof) * se;
  return { p_value: Math.min(1, p), ci: [effect.estimate - halfWidth, effect.estimate + halfWidth] };
}
