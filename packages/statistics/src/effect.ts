import type { VariantSummary } from "./variant-summary";

/** An estimated difference between a treatment and the control, with its variance. */
export interface Effect {
  readonly estimate: number;
  readonly variance: number;
  /** True when the data cannot say anything: a variance ≤ 0, or a zero control for a relative effect. */
  readonly degenerate: boolean;
}

export type EffectScale = "absolute" | "relative";

/** Δ = m_T − m_C, Var = s²_T/n_T + s²_C/n_C. */
export function absoluteEffect(control: VariantSummary, treatment: VariantSummary): Effect {
  const estimate = treatment.mean - control.mean;
  const degenerate = !hasSpread(control) || !hasSpread(treatment);
  if (degenerate) return { estimate, variance: 0, degenerate };
  return { estimate, variance: treatment.variance / treatment.n + control.variance / control.n, degenerate };
}

/**
 * Δ_r = (m_T − m_C)/|m_C| by the delta method, Var = s²_T/(m_C²·n_T) + s²_C·m_T²/(m_C⁴·n_C).
 * Dividing by |m_C| keeps the sign of an improvement when the baseline is negative.
 */
export function relativeEffect(control: VariantSummary, treatment: VariantSummary): Effect {
  if (control.mean === 0) return { estimate: 0, variance: 0, degenerate: true };
  const estimate = (treatment.mean - control.mean) / Math.abs(control.mean);
  const degenerate = !hasSpread(control) || !hasSpread(treatment);
  if (degenerate) return { estimate, variance: 0, degenerate };
  const variance =
    treatment.variance / (control.mean ** 2 * treatment.n) +
    (control.variance * treatment.mean ** 2) / (control.mean ** 4 * control.n);
  return { estimate, variance, degenerate };
}

export function effectOf(scale: EffectScale, control: VariantSummary, treatment: VariantSummary): Effect {
  return scale === "relative" ? relativeEffect(control, treatment) : absoluteEffect(control, treatment);
}

function hasSpread(summary: VariantSummary): boolean {
  return summary.n > 1 && summary.variance > 0;
}
