import type { Strategy } from "@personalize-ab/domain";
import { type Evaluation, METRIC_NAMES } from "./evaluate-recipes";

const COLUMNS: readonly [Strategy, string][] = [
  ["user-personalization", "user-personalization"],
  ["similar-items", "sims"],
  ["popularity", "popularity-count"],
];

/** A fixed-width table of the metrics, one row per metric and one column per recipe. */
export function formatMetricsTable(evaluation: Evaluation): string {
  const width = Math.max(...METRIC_NAMES.map((name) => name.length));
  const header = ["metric".padEnd(width), ...COLUMNS.map(([, label]) => label.padStart(20))].join("  ");
  const rows = METRIC_NAMES.map((name) =>
    [
      name.padEnd(width),
      ...COLUMNS.map(([strategy]) => evaluation.metrics[strategy][name].toFixed(4).padStart(20)),
    ].join("  "),
  );
  return [header, "-".repeat(header.length), ...rows].join("\n");
}
