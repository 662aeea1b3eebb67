import type {
  AnalysisResult,
  ComparisonOutcome,
  ComparisonResult,
  MetricResult,
  MetricRole,
  SrmReport,
} from "./analysis-result";
import { type AnalyzeInput, type MetricInput, validateAnalyzeInput, variantsOf } from "./analyze-input";
import { compareVariants, type UnadjustedComparison } from "./compare-variants";
import { decide } from "./decision";
import { adjustPValues } from "./multiple-comparisons";
import { sampleRatioMismatchByPeriod, srmCheckApplies } from "./sample-ratio-mismatch";
import { DEFAULT_SEQUENTIAL_TUNING } from "./sequential-test";
import { summarizeVariant } from "./variant-summary";

export const DEFAULT_ALPHA = 0.05;

/** Thrown by `analyze` for an input that fails validation; `problems` name each field. */
export class InvalidAnalyzeInputError extends Error {
  override readonly name = "InvalidAnalyzeInputError";
  constructor(readonly problems: readonly { field: string; problem: string }[]) {
    super(problems.map((p) => `${p.field}: ${p.problem}`).join("; "));
  }
}

/**
 * The whole analysis of an experiment from its sufficient statistics: users, SRM, every metric
 * against the control, and the verdict. Validates first (throws InvalidAnalyzeInputError naming
 * the fields; call `validateAnalyzeInput` to get the problems without a throw).
 */
export function analyze(json: unknown): AnalysisResult {
  const validation = validateAnalyzeInput(json);
  if (!validation.ok) throw new InvalidAnalyzeInputError(validation.problems);
  return analyzeValid(validation.input);
}

function analyzeValid(input: AnalyzeInput): AnalysisResult {
  const alpha = input.alpha ?? DEFAULT_ALPHA;
  const control = input.control;
  const variants = [control, ...variantsOf(input.metrics).filter((id) => id !== control)];
  const users = usersOf(input, variants);
  const srm = srmOf(input, variants, users);
  const roles = rolesOf(input.metrics);

  const raw = input.metrics.map((metric, index) =>
    variants
      .filter((id) => id !== control && metric.variants[id] !== undefined)
      .map((variant) => ({
        variant,
        comparison: compareVariants(metric.kind, metric.variants[control]!, metric.variants[variant]!, {
          alpha,
          method: metric.method ?? input.method ?? "sequential",
          tuning: input.tuning ?? DEFAULT_SEQUENTIAL_TUNING,
          ...(input.prior ? { prior: input.prior } : {}),
          lowerIsBetter: metric.lower_is_better ?? false,
        }),
        role: roles[index]!,
      })),
  );
  const adjusted = adjustByFamily(raw.flat(), input.correction ?? "holm");

  const metrics: MetricResult[] = input.metrics.map((metric, index) => ({
    name: metric.name,
    kind: metric.kind,
    role: roles[index]!,
    lower_is_better: metric.lower_is_better ?? false,
    method: metric.method ?? input.method ?? "sequential",
    variants: variants
      .filter((id) => metric.variants[id] !== undefined)
      .map((id) => variantResult(metric, id)),
    comparisons: raw[index]!.map(({ variant, comparison }) => {
      const pAdjusted = adjusted.get(comparison)!;
      const significant = pAdjusted < alpha;
      return {
        variant,
        baseline: control,
        ...comparison,
        p_value_adjusted: pAdjusted,
        significant,
        outcome: outcomeOf(comparison, significant, metric.lower_is_better ?? false),
      } satisfies ComparisonResult;
    }),
  }));

  return { control, alpha, users, srm, metrics, decision: decide(control, srm, metrics) };
}

/**
 * Primary metrics × variants form one family and secondary ones another, each corrected on its
 * own so adding exploratory metrics never weakens the primary decision; guardrails are not
 * corrected, since a correction would only make harm harder to see.
 */
function adjustByFamily(
  comparisons: readonly { comparison: UnadjustedComparison; role: MetricRole }[],
  correction: "holm" | "bh" | "none",
): Map<UnadjustedComparison, number> {
  const adjusted = new Map<UnadjustedComparison, number>();
  for (const role of ["primary", "secondary", "guardrail"] as const) {
    const family = comparisons.filter((entry) => entry.role === role).map((entry) => entry.comparison);
    const pValues = family.map((comparison) => comparison.p_value);
    const corrected = role === "guardrail" ? pValues : adjustPValues(pValues, correction);
    for (const [i, comparison] of family.entries()) adjusted.set(comparison, corrected[i]!);
  }
  return adjusted;
}

/** Roles as declared; when no metric is declared primary, the first one is. */
function rolesOf(metrics: readonly MetricInput[]): MetricRole[] {
  const anyPrimary = metrics.some((metric) => metric.role === "primary");
  return metrics.map(
    (metric, index) => metric.role ?? (!anyPrimary && index === 0 ? "primary" : "secondary"),
  );
}

function outcomeOf(
  comparison: UnadjustedComparison,
  significant: boolean,
  lowerIsBetter: boolean,
): ComparisonOutcome {
  if (!significant || comparison.absolute_difference === 0) return "inconclusive";
  const up = comparison.absolute_difference > 0;
  return up !== lowerIsBetter ? "better" : "worse";
}

function variantResult(metric: MetricInput, id: string) {
  const stats = metric.variants[id]!;
  return {
    id,
    users: stats.n,
    sum: stats.sum,
    sum_squares: stats.sum_squares,
    ...(metric.kind === "ratio" ? { den_sum: stats.den_sum ?? 0 } : {}),
    value: summarizeVariant(metric.kind, stats).mean,
  };
}

/** Enrolled users per variant: the periods' sum, else the input's `users`, else the metrics' largest n. */
function usersOf(input: AnalyzeInput, variants: readonly string[]): Record<string, number> {
  const users: Record<string, number> = {};
  for (const id of variants) {
    if (input.periods) users[id] = input.periods.reduce((sum, period) => sum + (period.users[id] ?? 0), 0);
    else if (input.users) users[id] = input.users[id] ?? 0;
    else users[id] = Math.max(0, ...input.metrics.map((metric) => metric.variants[id]?.n ?? 0));
  }
  return users;
}

/** SRM by period when the weights changed, else against the weights (equal when not given). */
function srmOf(input: AnalyzeInput, variants: readonly string[], users: Record<string, number>): SrmReport {
  const weights = input.weights ?? Object.fromEntries(variants.map((id) => [id, 1 / variants.length]));
  const result = sampleRatioMismatchByPeriod(input.periods ?? [{ users, weights }]);
  const live = Object.keys(result.expected).filter((id) => result.expected[id]! > 0);
  const total = live.reduce((sum, id) => sum + (result.observed[id] ?? 0), 0);
  const checked = srmCheckApplies(total, live.length);
  return {
    p_value: checked ? result.p_value : null,
    mismatch: checked && result.mismatch,
    checked,
    expected: result.expected,
    observed: result.observed,
  };
}
