import {
  type Experiment,
  type ExperimentStatus,
  experimentSchema,
  type PeriodSource,
  weightsOf,
} from "./experiment";
import { ExperimentConflict, InvalidExperimentChange } from "./experiment-errors";
import { weightsSumToOne } from "./experiment-rules";

/** Where each status may go. A completed experiment is final: its results are frozen. */
export const STATUS_TRANSITIONS: Readonly<Record<ExperimentStatus, readonly ExperimentStatus[]>> = {
  draft: ["active"],
  active: ["paused", "completed"],
  paused: ["active", "completed"],
  completed: [],
};

export interface StatusChange {
  readonly status: ExperimentStatus;
  readonly winner?: string | undefined;
}

/** A completed experiment is final: its results are frozen at completion. */
export function refuseCompleted(record: Experiment, what: string): void {
  if (record.status === "completed") {
    throw new ExperimentConflict("experiment_completed", "status", `a completed experiment ${what}`);
  }
}

/** Re-validates a record built from a valid one; a problem here is named by field. */
export function validatedExperiment(record: Experiment): Experiment {
  const parsed = experimentSchema.safeParse(record);
  if (parsed.success) return parsed.data;
  throw new InvalidExperimentChange(
    parsed.error.issues.map((issue) => ({
      field: issue.path.length === 0 ? "body" : issue.path.map(String).join("."),
      problem: issue.message,
    })),
  );
}

function activeSpansAfter(record: Experiment, status: ExperimentStatus, atMs: number) {
  const spans = record.active_spans.map((span) => ({ ...span }));
  const open = spans.at(-1);
  if (status === "active") return [...spans, { started_at: atMs }];
  if (open && open.ended_at === undefined) open.ended_at = atMs;
  return spans;
}

/**
 * The record after a status change at `atMs` (pure; the version is the write path's). Going active
 * opens an active span (events are counted only inside one), leaving active closes it; a draft's
 * first period starts when it goes active, since no user could enroll before.
 */
export function changeStatus(record: Experiment, change: StatusChange, atMs: number): Experiment {
  const allowed = STATUS_TRANSITIONS[record.status];
  if (!allowed.includes(change.status)) {
    const options = allowed.length === 0 ? "none: a completed experiment is final" : allowed.join(", ");
    throw new ExperimentConflict(
      "invalid_transition",
      "status",
      `cannot go from ${record.status} to ${change.status} (allowed: ${options})`,
    );
  }
  const { winner: _previous, ...rest } = record;
  const periods =
    record.status === "draft"
      ? record.periods.map((period) => ({ ...period, started_at: atMs }))
      : record.periods;
  return validatedExperiment({
    ...rest,
    status: change.status,
    ...(change.winner !== undefined && { winner: change.winner }),
    periods,
    active_spans: activeSpansAfter(record, change.status, atMs),
  });
}

function weightProblems(record: Experiment, weights: Readonly<Record<string, number>>) {
  const ids = record.variants.map((variant) => variant.id);
  const problems = [
    ...ids
      .filter((id) => !(typeof weights[id] === "number" && weights[id] > 0 && weights[id] <= 1))
      .map((id) => ({ field: `weights.${id}`, problem: "must be a number greater than 0 and at most 1" })),
    ...Object.keys(weights)
      .filter((id) => !ids.includes(id))
      .map((id) => ({ field: `weights.${id}`, problem: `is not a variant of ${record.name}` })),
  ];
  if (problems.length === 0 && !weightsSumToOne(ids.map((id) => weights[id]!))) {
    problems.push({ field: "weights", problem: "must sum to 1" });
  }
  return problems;
}

/**
 * The record with new weights from `atMs` on (pure). Once users may have enrolled (any status
 * but draft) this appends an allocation period, so enrolled users keep the period they joined in;
 * a draft has no users, so its one period is replaced. Weights equal to the current ones return
 * `record` itself: the caller can skip the write.
 */
export function startAllocationPeriod(
  record: Experiment,
  weights: Readonly<Record<string, number>>,
  source: PeriodSource,
  atMs: number,
): Experiment {
  refuseCompleted(record, "keeps its weights");
  const problems = weightProblems(record, weights);
  if (problems.length > 0) throw new InvalidExperimentChange(problems);
  const ordered = Object.fromEntries(record.variants.map((variant) => [variant.id, weights[variant.id]!]));
  const next = {
    ...record,
    variants: record.variants.map((variant) => ({ ...variant, weight: ordered[variant.id]! })),
  };
  const periods = periodsAfterWeightChange(record, next, source, atMs);
  return periods === record.periods ? record : validatedExperiment({ ...next, periods });
}

/**
 * The periods of `next` given those of `before`: unchanged when the weights are, else a new
 * period from `atMs` (or, for a draft, which has no users yet, its one period replaced).
 */
export function periodsAfterWeightChange(
  before: Experiment,
  next: Pick<Experiment, "variants">,
  source: PeriodSource,
  atMs: number,
): Experiment["periods"] {
  const weights = weightsOf(next.variants);
  const last = before.periods.at(-1)!;
  const unchanged =
    Object.keys(weights).length === Object.keys(last.weights).length &&
    Object.entries(weights).every(([id, weight]) => last.weights[id] === weight);
  if (unchanged) return before.periods;
  if (before.status === "draft") {
    return [
      ...before.periods.slice(0, -1),
      { index: last.index, started_at: atMs, weights, source: "created" },
    ];
  }
  const period = { index: last.index + 1, started_at: Math.max(atMs, last.started_at), weights, source };
  return [...before.periods, period];
}

/** The period in force now: the one new users enroll in. */
export function currentPeriod(record: Experiment) {
  return record.periods.at(-1)!;
}
