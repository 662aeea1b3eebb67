import Table from "cli-table3";
import type { ComparisonView, MetricView, ResultsView } from "./results-view";

const percent = (value: number, digits = 2) => `${(value * 100).toFixed(digits)} %`;
const signedPercent = (value: number) => `${value >= 0 ? "+" : ""}${percent(value, 1)}`;

function formatValue(kind: string, value: number): string {
  return kind === "mean" ? value.toPrecision(4) : percent(value);
}

function formatP(p: number): string {
  return p < 0.0001 ? "<0.0001" : p.toFixed(4);
}

const signedNumber = (value: number) => `${value > 0 ? "+" : ""}${Number(value.toPrecision(4))}`;

/** The lift with its interval, or (control at 0) the absolute difference with its interval. */
function changeCell(comparison: ComparisonView): string {
  const certain = comparison.basis === "certain" ? " certain" : "";
  if (comparison.relative_lift === null || comparison.ci === null) {
    if (comparison.absolute_difference === undefined || !comparison.absolute_ci) return "— (control is 0)";
    const [lo, hi] = comparison.absolute_ci;
    return `${signedNumber(comparison.absolute_difference)} [${signedNumber(lo)}, ${signedNumber(hi)}] absolute, control is 0${certain}`;
  }
  const [lo, hi] = comparison.ci;
  return `${signedPercent(comparison.relative_lift)} [${signedPercent(lo)}, ${signedPercent(hi)}]${certain}`;
}

function comparisonCells(comparison: ComparisonView | undefined): string[] {
  if (!comparison) return ["(control)", "", "", ""];
  const adjusted =
    comparison.p_value_adjusted === undefined || comparison.p_value_adjusted === null
      ? ""
      : ` (adj ${formatP(comparison.p_value_adjusted)})`;
  return [
    changeCell(comparison),
    `${formatP(comparison.p_value)}${adjusted}`,
    percent(comparison.chance_to_win, 1),
    comparison.significant ? "yes" : "no",
  ];
}

function metricTable(metric: MetricView): string {
  const table = new Table({
    head: ["variant", "users", "value", "lift [CI]", "p", "chance to win", "significant"],
    style: { head: [], border: [] },
  });
  for (const variant of metric.variants) {
    const comparison = metric.comparisons.find((candidate) => candidate.variant === variant.id);
    table.push([
      variant.id,
      variant.users,
      formatValue(metric.kind, variant.value),
      ...comparisonCells(comparison),
    ]);
  }
  return `${metric.name} (${metric.kind}, ${metric.role}, ${metric.method})\n${table.toString()}`;
}

/** An experiment's results for a terminal: users, each metric's table, the SRM check, the verdict. */
export function resultsTable(results: ResultsView): string {
  const header = results.test_name
    ? `${results.test_name} (${results.status ?? "unknown status"}), computed ${results.computed_at ?? "now"}, control ${results.control}`
    : `control ${results.control}`;
  const users = Object.entries(results.users)
    .map(([variant, n]) => `${variant} ${n}`)
    .join(", ");
  const srm =
    results.srm.p_value === null
      ? "not checked yet (too few users)"
      : `p ${formatP(results.srm.p_value)}${results.srm.mismatch ? " MISMATCH: the split is not the configured one" : " (no mismatch)"}`;
  const decision = results.decision;
  return [
    header,
    `users: ${users}`,
    `sample ratio: ${srm}`,
    "",
    ...results.metrics.map(metricTable),
    "",
    `verdict: ${decision.verdict}${decision.variant ? ` ${decision.variant}` : ""}`,
    ...decision.reasons.map((reason) => `  - ${reason}`),
  ].join("\n");
}
