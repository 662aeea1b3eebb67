import type { Experiment, HistoryEntry } from "@personalize-ab/domain";

const percent = (weight: number) => `${(weight * 100).toFixed(1)} %`;
const time = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

function allocationLine(experiment: Experiment): string {
  const allocation = experiment.allocation ?? { type: "fixed" as const };
  if (allocation.type === "fixed") return "allocation: fixed weights";
  const holdout = allocation.holdout ? `, holdout ${percent(allocation.holdout)}` : "";
  return (
    `allocation: bandit on ${allocation.metric} (burn-in ${allocation.burn_in} s, every ${allocation.update_every} s, ` +
    `floor ${allocation.floor}, min ${allocation.min_users_per_variant} users per variant, winner at P(best) ≥ ` +
    `${allocation.winner_probability}${allocation.complete_on_winner ? ", completes on a winner" : ""}${holdout})`
  );
}

/** An experiment record for a terminal: status, variants and weights, allocation and its periods. */
export function experimentText(experiment: Experiment): string {
  const winner = experiment.winner ? `, winner ${experiment.winner}` : "";
  const lines = [
    `${experiment.name} (${experiment.status}${winner}, version ${experiment.version})`,
    ...experiment.variants.map(
      (variant, index) =>
        `  ${variant.id.padEnd(16)} ${percent(variant.weight).padStart(7)}  ${variant.recipe}${index === 0 ? "  (control)" : ""}`,
    ),
    allocationLine(experiment),
    `periods: ${experiment.periods.length}`,
    ...experiment.periods.map(
      (period) =>
        `  p${period.index} from ${time(period.started_at)} (${period.source}): ` +
        // In the variants' order: a stored map keeps none.
        experiment.variants
          .filter((variant) => period.weights[variant.id] !== undefined)
          .map((variant) => `${variant.id} ${percent(period.weights[variant.id]!)}`)
          .join(", "),
    ),
  ];
  return lines.join("\n");
}

/** One line per experiment. */
export function experimentListText(experiments: readonly Experiment[]): string {
  if (experiments.length === 0) return "no experiments";
  return experiments
    .map(
      (experiment) =>
        `${experiment.name.padEnd(32)} ${experiment.status.padEnd(9)} v${experiment.version}  ` +
        experiment.variants.map((variant) => `${variant.id} ${percent(variant.weight)}`).join(", "),
    )
    .join("\n");
}

/** One line per write: version, time, caller, action and the fields it changed. */
export function historyText(entries: readonly HistoryEntry[]): string {
  if (entries.length === 0) return "no history";
  return entries
    .map((entry) => {
      const status = entry.changes.status as { from?: unknown; to: unknown } | undefined;
      const detail = status ? ` (${status.from ?? "-"} -> ${status.to})` : "";
      return `v${entry.version}  ${time(entry.at)}  ${entry.action}${detail}  by ${entry.caller}  changed: ${Object.keys(entry.changes).sort().join(", ")}`;
    })
    .join("\n");
}
