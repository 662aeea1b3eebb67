import { normalCdf, normalQuantile } from "./distributions";
import { sequentialMultiplier } from "./sequential-test";
import type { VariantSummary } from "./variant-summary";

/** The power the minimum detectable effect is quoted at. */
export const MDE_POWER = 0.8;

/** Two-sided power of a z-test for an effect `standardizedEffect` = Δ/SE standard errors away. */
export function twoSidedPower(standardizedEffect: number, alpha: number): number {
  const z = normalQuantile(1 - alpha / 2);
  return 1 - normalCdf(z - standardizedEffect) + normalCdf(-z - standardizedEffect);
}

export interface MdeOptions {
  readonly alpha: number;
  readonly power?: number;
  /** Sequential analysis widens the interval; pass the tuning N* to account for it. */
  readonly sequentialTuning?: number;
}

/**
 * The relative effect detectable with the given power at the current sample sizes. With the
 * treatment mean x = m(1 + Δ) and both arms at the control's variance v, Δ = k·SE(Δ) with
 * k = z_{1−α/2} + z_{power} is the quadratic (GrowthBook's power.ts, generalised to unequal arms)
 *   (1 − k²v/(m²n_C))·x² − 2m·x + (m² − k²v/n_T) = 0.
 * Sequential analysis multiplies v by (CS multiplier / z_{1−α/2})². Null when no positive
 * solution exists (too few users for that power).
 */
export function relativeMde(
  control: VariantSummary,
  treatmentUsers: number,
  options: MdeOptions,
): number | null {
  const m = Math.abs(control.mean);
  const nC = control.n;
  const nT = treatmentUsers;
  if (m === 0 || nC <= 1 || nT <= 1 || !(control.variance > 0)) return null;
  const zAlpha = normalQuantile(1 - options.alpha / 2);
  const k = zAlpha + normalQuantile(options.power ?? MDE_POWER);
  let v = control.variance;
  if (options.sequentialTuning !== undefined) {
    v *= (sequentialMultiplier(nC + nT, options.alpha, options.sequentialTuning) / zAlpha) ** 2;
  }
  const a = 1 - (k * k * v) / (m * m * nC);
  const b = -2 * m;
  const c = m * m - (k * k * v) / nT;
  const discriminant = b * b - 4 * a * c;
  if (a <= 0 || discriminant < 0) return null;
  const x = (-b + Math.sqrt(discriminant)) / (2 * a);
  return (x - m) / m;
}
