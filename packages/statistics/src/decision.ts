import type { ComparisonResult, Decision, MetricResult, SrmReport } from "./analysis-result";

/**
 * The verdict, by rules applied in this order (stated in the package README):
 * 1. invalid — the sample ratio check ran and found a mismatch: no number can be trusted.
 * 2. ship — a variant significantly better on a primary metric, significantly worse on no primary
 *    metric and on no guardrail. Several: the largest relative lift on the first primary metric.
 * 3. stop — every variant is significantly worse on a primary metric, or some variant is
 *    significantly worse on a guardrail (that variant is named).
 * "Significantly" includes a certain difference (no variance on either side: p = 0), so a guardrail
 * that certainly moved the wrong way stops the experiment like any significant regression.
 * 4. keep_running — otherwise.
 */
export function decide(control: string, srm: SrmReport, metrics: readonly MetricResult[]): Decision {
  if (srm.mismatch) {
    return {
      verdict: "invalid",
      variant: null,
      reasons: [
        `sample ratio mismatch (p = ${format(srm.p_value ?? 0)} < 0.001): users per variant do not match the weights; find the cause before reading any result`,
      ],
    };
  }
  const primaries = metrics.filter((metric) => metric.role === "primary");
  const guardrails = metrics.filter((metric) => metric.role === "guardrail");
  const variants = [...new Set(metrics.flatMap((metric) => metric.comparisons.map((c) => c.variant)))];
  const reasons: string[] = [];
  if (!srm.checked) reasons.push("too few users for the sample ratio check yet");
  if (primaries.length === 0) {
    return {
      verdict: "keep_running",
      variant: null,
      reasons: [...reasons, "no primary metric to decide on"],
    };
  }

  const harmedGuardrails = (variant: string) =>
    guardrails.filter((metric) => comparisonOf(metric, variant)?.outcome === "worse");
  const worsePrimaries = (variant: string) =>
    primaries.filter((metric) => comparisonOf(metric, variant)?.outcome === "worse");
  const betterPrimaries = (variant: string) =>
    primaries.filter((metric) => comparisonOf(metric, variant)?.outcome === "better");

  const winners = variants.filter(
    (variant) =>
      betterPrimaries(variant).length > 0 &&
      worsePrimaries(variant).length === 0 &&
      harmedGuardrails(variant).length === 0,
  );
  const firstPrimary = primaries[0]!;
  if (winners.length > 0) {
    const best = winners.reduce((a, b) =>
      (comparisonOf(firstPrimary, b)?.relative_lift ?? -Infinity) >
      (comparisonOf(firstPrimary, a)?.relative_lift ?? -Infinity)
        ? b
        : a,
    );
    const won = betterPrimaries(best).map((metric) => describe(metric, comparisonOf(metric, best)!));
    return {
      verdict: "ship",
      variant: best,
      reasons: [...reasons, ...won.map((text) => `${best} wins ${text}`)],
    };
  }

  for (const variant of variants) {
    const harmed = harmedGuardrails(variant);
    if (harmed.length > 0) {
      return {
        verdict: "stop",
        variant,
        reasons: [
          ...reasons,
          ...harmed.map(
            (metric) =>
              `${variant} is significantly worse on guardrail ${describe(metric, comparisonOf(metric, variant)!)}`,
          ),
        ],
      };
    }
  }
  if (variants.length > 0 && variants.every((variant) => worsePrimaries(variant).length > 0)) {
    return {
      verdict: "stop",
      variant: null,
      reasons: [
        ...reasons,
        ...variants.map((variant) => {
          const metric = worsePrimaries(variant)[0]!;
          return `${variant} is significantly worse than ${control} on ${describe(metric, comparisonOf(metric, variant)!)}`;
        }),
      ],
    };
  }
  const pending = variants.map((variant) => {
    const comparison = comparisonOf(firstPrimary, variant);
    return comparison
      ? `${variant}: ${describe(firstPrimary, comparison)} is not significant yet`
      : `${variant}: no data on ${firstPrimary.name}`;
  });
  return { verdict: "keep_running", variant: null, reasons: [...reasons, ...pending] };
}

function comparisonOf(metric: MetricResult, variant: string): ComparisonResult | undefined {
  return metric.comparisons.find((comparison) => comparison.variant === variant);
}

/**
 * A comparison in words: the relative lift, or the absolute difference when the control is 0; the
 * adjusted p, or that the difference is certain when neither variant has any variance.
 */
function describe(metric: MetricResult, comparison: ComparisonResult): string {
  const change =
    comparison.relative_lift === null
      ? `difference ${signed(comparison.absolute_difference)} from a control of 0`
      : `lift ${(comparison.relative_lift * 100).toFixed(2)}%`;
  const evidence =
    comparison.basis === "certain"
      ? "certain: no variance in either variant"
      : `adjusted p = ${format(comparison.p_value_adjusted)}`;
  return `${metric.name} (${change}, ${evidence})`;
}

function signed(value: number): string {
  const text = Number(value.toPrecision(4)).toString();
  return value > 0 ? `+${text}` : text;
}

function format(value: number): string {
  return value < 0.0001 ? value.toExponential(2) : value.toFixed(4);
}
