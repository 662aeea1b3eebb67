import type { CounterCell } from "@personalize-ab/adapters";
import {
  addStats,
  type Experiment,
  type MetricDefinition,
  metricsOf,
  type SufficientStats,
} from "@personalize-ab/domain";
import { type AnalysisResult, type AnalyzeInput, analyze } from "@personalize-ab/statistics";
import { experimentTimeline, type TimelinePoint } from "./experiment-timeline";

export type { TimelineLift, TimelinePoint } from "./experiment-timeline";

/** The answer of `GET /experiments/{test_name}/results`. */
export type ExperimentResults = {
  readonly test_name: string;
  readonly status: Experiment["status"];
  readonly computed_at: string;
  /** Cumulative users and lifts at the end of each enrollment day, oldest first. */
  readonly timeline: readonly TimelinePoint[];
} & AnalysisResult;

const NO_USERS: SufficientStats = { n: 0, sum: 0, sum_squares: 0 };

/** A metric's sufficient statistics per variant, summed over enrollment periods (the counters' days). */
function statsPerVariant(
  metric: MetricDefinition,
  experiment: Experiment,
  cells: readonly CounterCell[],
): Record<string, SufficientStats> {
  const totals: Record<string, SufficientStats> = Object.fromEntries(
    experiment.variants.map((variant) => [
      variant.id,
      metric.kind === "ratio" ? { ...NO_USERS, den_sum: 0, den_sum_squares: 0, cross_sum: 0 } : NO_USERS,
    ]),
  );
  for (const cell of cells) {
    const total = totals[cell.variant];
    // A variant removed from the record no longer takes part; its counters stay in the table.
    if (cell.metric === metric.name && total) totals[cell.variant] = addStats(total, cell.stats);
  }
  return totals;
}

/**
 * The analysis input of an experiment from its counters: every declared metric (or the defaults)
 * with its role and method, the configured weights for the sample-ratio check, and the first
 * declared variant as the control.
 */
export function analysisInputOf(experiment: Experiment, cells: readonly CounterCell[]): AnalyzeInput {
  const metrics = metricsOf(experiment).map((metric) => ({
    name: metric.name,
    kind: metric.kind,
    role: metric.role,
    ...(metric.lower_is_better !== undefined && { lower_is_better: metric.lower_is_better }),
    ...(metric.method !== undefined && { method: metric.method }),
    variants: statsPerVariant(metric, experiment, cells),
  }));
  // Every metric is over the same enrolled users, so any metric's n is the variant's enrollment.
  const enrolled = metrics[0]!.variants;
  return {
    control: experiment.variants[0]!.id,
    weights: Object.fromEntries(experiment.variants.map((variant) => [variant.id, variant.weight])),
    users: Object.fromEntries(Object.entries(enrolled).map(([variant, stats]) => [variant, stats.n])),
    metrics,
  };
}

export function experimentResults(
  experiment: Experiment,
  cells: readonly CounterCell[],
  computedAt: Date,
): ExperimentResults {
  const input = analysisInputOf(experiment, cells);
  return {
    test_name: experiment.name,
    status: experiment.status,
    computed_at: computedAt.toISOString(),
    // The analysis starts with the control, as the results contract lists it.
    ...analyze(input),
    timeline: experimentTimeline(experiment, cells),
  };
}
