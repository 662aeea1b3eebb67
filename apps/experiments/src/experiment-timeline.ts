import type { CounterCell } from "@personalize-ab/adapters";
import type { Experiment } from "@personalize-ab/domain";
import { analyze } from "@personalize-ab/statistics";
import { analysisInputOf } from "./experiment-results";

/** A treatment's lift on one metric, counting the users enrolled up to a day. */
export interface TimelineLift {
  readonly variant: string;
  readonly relative_lift: number | null;
  /** Null with the lift: no relative interval exists when the control is 0. */
  readonly ci: readonly [number, number] | null;
}

/** The experiment as it stood at the end of one enrollment day: cumulative users and lifts. */
export interface TimelinePoint {
  /** "YYYY-MM-DD", the UTC enrollment day. */
  readonly day: string;
  readonly users: Record<string, number>;
  readonly lifts: Record<string, readonly TimelineLift[]>;
}

/**
 * The results day by day: for each enrollment day present in the counters, the analysis of every
 * user enrolled up to and including it. The counters are keyed by enrollment day, so this is
 * exact, not a replay of events; it costs one analysis per day.
 */
export function experimentTimeline(experiment: Experiment, cells: readonly CounterCell[]): TimelinePoint[] {
  const days = [...new Set(cells.map((cell) => cell.period))].sort();
  return days.map((day) => {
    const analysis = analyze(
      analysisInputOf(
        experiment,
        cells.filter((cell) => cell.period <= day),
      ),
    );
    return {
      day,
      users: analysis.users,
      lifts: Object.fromEntries(
        analysis.metrics.map((metric) => [
          metric.name,
          metric.comparisons.map(({ variant, relative_lift, ci }) => ({ variant, relative_lift, ci })),
        ]),
      ),
    };
  });
}
