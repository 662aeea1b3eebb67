import type { AnalysisMethod, UnadjustedComparison } from "./compare-variants";
import type { MetricKind } from "./sufficient-statistics";

export type MetricRole = "primary" | "secondary" | "guardrail";

/** Which way a comparison came out, in the metric's own sense of better. */
export type ComparisonOutcome = "better" | "worse" | "inconclusive";

export interface ComparisonResult extends UnadjustedComparison {
  readonly variant: string;
  readonly baseline: string;
  /** Holm (or the chosen correction) across the primary metrics × variants; see the README. */
  readonly p_value_adjusted: number;
  readonly significant: boolean;
  readonly outcome: ComparisonOutcome;
}

export interface VariantResult {
  readonly id: string;
  readonly users: number;
  readonly sum: number;
  readonly sum_squares: number;
  readonly den_sum?: number;
  /** The metric's value: the mean, the proportion, or ΣM/ΣD. */
  readonly value: number;
}

export interface MetricResult {
  readonly name: string;
  readonly kind: MetricKind;
  readonly role: MetricRole;
  readonly lower_is_better: boolean;
  readonly method: AnalysisMethod;
  readonly variants: readonly VariantResult[];
  readonly comparisons: readonly ComparisonResult[];
}

export interface SrmReport {
  /** Null until there are enough users for the check (users ≥ 8 × variants). */
  readonly p_value: number | null;
  readonly mismatch: boolean;
  readonly checked: boolean;
  readonly expected: Record<string, number>;
  readonly observed: Record<string, number>;
}

export type Verdict = "ship" | "keep_running" | "stop" | "invalid";

export interface Decision {
  readonly verdict: Verdict;
  /** The variant to ship, or the variant that caused a stop; null otherwise. */
  readonly variant: string | null;
  readonly reasons: readonly string[];
}

export interface AnalysisResult {
  readonly control: string;
  readonly alpha: number;
  readonly users: Record<string, number>;
  readonly srm: SrmReport;
  readonly metrics: readonly MetricResult[];
  readonly decision: Decision;
}
