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
 * Users per variant in each allocation period, with that period's weights, and the held-out users
 * with the equal weights they were split by: the sample-ratio check's expected counts are summed
 * over these (`expectedUsersByPeriod`), since pooled users against today's weights mislead as soon
 * as the weights have changed. Any metric's n is the enrollment; cells of a period the record does
 * not know (none should exist) count in the last one.
 */
function allocationPeriodsOf(experiment: Experiment, cells: readonly CounterCell[], metric: string) {
  const ids = experiment.variants.map((variant) => variant.id);
  const noUsers = () => Object.fromEntries(ids.map((id) => [id, 0]));
  const periods = experiment.periods.map((period) => ({ users: noUsers(), weights: { ...period.weights } }));
  const holdout = { users: noUsers(), weights: Object.fromEntries(ids.map((id) => [id, 1 / ids.length])) };
  for (const cell of cells) {
    if (cell.metric !== metric || !ids.includes(cell.variant)) continue;
    const index = Number(cell.stratum.slice(1));
    const target = cell.stratum === "h" ? holdout : (periods[index] ?? periods.at(-1)!);
    target.users[cell.variant] = (target.users[cell.variant] ?? 0) + cell.stats.n;
  }
  const heldOut = Object.values(holdout.users).some((users) => users > 0);
  return heldOut ? [...periods, holdout] : periods;
}

/**
 * The analysis input of an experiment from its counters: every declared metric (or the defaults)
 * with its role and method, the allocation periods for the sample-ratio check, and the first
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
  return {
    control: experiment.variants[0]!.id,
    weights: Object.fromEntries(experiment.variants.map((variant) => [variant.id, variant.weight])),
    // Every metric is over the same enrolled users, so any metric's n is the variant's enrollment.
    periods: allocationPeriodsOf(experiment, cells, metrics[0]!.name),
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
