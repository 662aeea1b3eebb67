import type { VariantSummary } from "./variant-summary";

/**
 * Fewest users on each side for two variants without any variance to count as certainly
 * different. Below it a constant sample is as likely luck as truth: with 8 users each, all 0
 * against all 1 is already a 1-in-6,435 split under the null (exact permutation p = 2/C(16, 8)
 * ≈ 1.6e-4), the point where the engine also starts its sample ratio check.
 */
export const MIN_USERS_FOR_CERTAINTY = 8;

/**
 * What the data can say about a difference, decided before any formula divides by a standard error:
 * - `estimate`: at least one side has variance, so SE > 0 and the ordinary tests apply;
 * - `certain`: no variance on either side, different values, enough users: the difference is known;
 * - `no_difference`: no variance on either side and the same value: there is nothing to find;
 * - `too_few_users`: a side has fewer than 2 users, or no variance with fewer than the minimum.
 */
export type EffectBasis = "estimate" | "certain" | "no_difference" | "too_few_users";

/** An estimated difference between a treatment and the control, with its variance. */
export interface Effect {
  readonly estimate: number;
  /** > 0 exactly when the basis is `estimate`; 0 otherwise. */
  readonly variance: number;
  readonly basis: EffectBasis;
}

/** Equal up to the rounding of sum/n: means of one constant over different n differ in the last bits. */
function sameValue(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}

/** Which of the four cases a comparison is in; see `EffectBasis`. */
export function effectBasis(control: VariantSummary, treatment: VariantSummary): EffectBasis {
  if (control.n < 2 || treatment.n < 2) return "too_few_users";
  if (control.variance > 0 || treatment.variance > 0) return "estimate";
  if (sameValue(control.mean, treatment.mean)) return "no_difference";
  return Math.min(control.n, treatment.n) >= MIN_USERS_FOR_CERTAINTY ? "certain" : "too_few_users";
}

/** Δ = m_T − m_C, Var = s²_T/n_T + s²_C/n_C. */
export function absoluteEffect(control: VariantSummary, treatment: VariantSummary): Effect {
  const basis = effectBasis(control, treatment);
  const estimate = basis === "no_difference" ? 0 : treatment.mean - control.mean;
  if (basis !== "estimate") return { estimate, variance: 0, basis };
  return { estimate, variance: treatment.variance / treatment.n + control.variance / control.n, basis };
}

/**
 * Δ_r = (m_T − m_C)/|m_C| by the delta method, Var = s²_T/(m_C²·n_T) + s²_C·m_T²/(m_C⁴·n_C).
 * Dividing by |m_C| keeps the sign of an improvement when the baseline is negative. Null when the
 * control's value is 0: no relative change exists, and the comparison is made on `absoluteEffect`.
 */
export function relativeEffect(control: VariantSummary, treatment: VariantSummary): Effect | null {
  if (control.mean === 0) return null;
  const absolute = absoluteEffect(control, treatment);
  const estimate = absolute.estimate / Math.abs(control.mean);
  if (absolute.basis !== "estimate") return { estimate, variance: 0, basis: absolute.basis };
  const deltaMethod =
    treatment.variance / (control.mean ** 2 * treatment.n) +
    (control.variance * treatment.mean ** 2) / (control.mean ** 4 * control.n);
  // A treatment at 0 without variance zeroes both terms although the control has variance: the
  // delta method would call a −100 % lift certain. Take the control's value as known instead.
  const variance = deltaMethod > 0 ? deltaMethod : absolute.variance / control.mean ** 2;
  return { estimate, variance, basis: "estimate" };
}
