import type { Experiment } from "./experiment";
import { metricsOf } from "./experiment-metrics";
import { reportInterleavingProblems } from "./interleaving-rules";

/** Weights are shares of traffic written by people and by the bandit; float sums drift by ~1e-16. */
export const WEIGHT_TOLERANCE = 1e-9;

export type ExperimentIssue = { code: "custom"; path: PropertyKey[]; message: string };

type Report = (issue: ExperimentIssue) => void;

function issue(path: PropertyKey[], message: string): ExperimentIssue {
  return { code: "custom", path, message };
}

export function weightsSumToOne(weights: readonly number[]): boolean {
  return Math.abs(weights.reduce((sum, weight) => sum + weight, 0) - 1) <= WEIGHT_TOLERANCE;
}

function reportVariantProblems(experiment: Experiment, report: Report): void {
  const total = experiment.variants.reduce((sum, variant) => sum + variant.weight, 0);
  if (!weightsSumToOne(experiment.variants.map((variant) => variant.weight))) {
    report(issue(["variants"], `weights must sum to 1 (got ${total})`));
  }
  const seen = new Set<string>();
  experiment.variants.forEach((variant, index) => {
    if (seen.has(variant.id)) report(issue(["variants", index, "id"], `duplicate variant id ${variant.id}`));
    seen.add(variant.id);
  });
}

function reportWinnerProblems(experiment: Experiment, report: Report): void {
  const ids = experiment.variants.map((variant) => variant.id);
  if (experiment.status === "completed" && experiment.winner === undefined) {
    report(issue(["winner"], "is required when the status is completed"));
  }
  if (experiment.status !== "completed" && experiment.winner !== undefined) {
    report(issue(["winner"], "applies only to a completed experiment"));
  }
  if (experiment.winner !== undefined && !ids.includes(experiment.winner)) {
    report(issue(["winner"], `must be one of the variant ids (${ids.join(", ")}), not ${experiment.winner}`));
  }
}

function reportAllocationProblems(experiment: Experiment, report: Report): void {
  const allocation = experiment.allocation;
  if (allocation?.type !== "bandit") return;
  const metrics = metricsOf(experiment);
  const metric = metrics.find((candidate) => candidate.name === allocation.metric);
  if (!metric) {
    const names = metrics.map((candidate) => candidate.name).join(", ");
    report(
      issue(
        ["allocation", "metric"],
        `must be one of the experiment's metrics (${names}), not ${allocation.metric}`,
      ),
    );
  } else if (metric.kind === "ratio") {
    // Thompson sampling draws from each arm's per-user mean; a ratio ΣM/ΣD is not one.
    report(
      issue(
        ["allocation", "metric"],
        `${metric.name} is a ratio metric: ratio metrics are not supported by the bandit; choose a binomial or mean metric`,
      ),
    );
  }
  const arms = experiment.variants.length;
  // At K·f = 1 every arm is held at 1/K and nothing is left for the bandit to move.
  if (allocation.floor * arms >= 1) {
    report(
      issue(
        ["allocation", "floor"],
        `times the ${arms} variants must be below 1 (got ${allocation.floor * arms})`,
      ),
    );
  }
  if (arms < 2) report(issue(["variants"], "a bandit needs at least two variants"));
}

function reportPeriodProblems(experiment: Experiment, report: Report): void {
  const ids = experiment.variants.map((variant) => variant.id).sort();
  experiment.periods.forEach((period, position) => {
    if (period.index !== position) {
      report(
        issue(["periods", position, "index"], `must be ${position}: periods are numbered from 0 in order`),
      );
    }
    const previous = experiment.periods[position - 1];
    if (previous && period.started_at < previous.started_at) {
      report(issue(["periods", position, "started_at"], "must not be before the previous period's start"));
    }
    if (JSON.stringify(Object.keys(period.weights).sort()) !== JSON.stringify(ids)) {
      report(
        issue(
          ["periods", position, "weights"],
          `must give a weight to exactly the variants ${ids.join(", ")}`,
        ),
      );
    } else if (!weightsSumToOne(Object.values(period.weights))) {
      report(issue(["periods", position, "weights"], "must sum to 1"));
    }
  });
  const last = experiment.periods.length - 1;
  const current = experiment.periods[last]!;
  if (experiment.variants.some((variant) => current.weights[variant.id] !== variant.weight)) {
    report(issue(["periods", last, "weights"], "must be the variants' current weights"));
  }
}

/** Every problem of a record, each under the path of the field it is about. */
export function reportExperimentProblems(experiment: Experiment, report: Report): void {
  let variantProblems = 0;
  reportVariantProblems(experiment, (found) => {
    variantProblems += 1;
    report(found);
  });
  reportWinnerProblems(experiment, report);
  reportAllocationProblems(experiment, report);
  reportInterleavingProblems(experiment, report);
  // Periods copy the variants' weights: a bad weight would be reported twice.
  if (variantProblems === 0) reportPeriodProblems(experiment, report);
}
