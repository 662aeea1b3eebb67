import type { CreateExperimentRequest, UpdateExperimentRequest } from "./contracts/experiment-admin";
import { type Experiment, weightsOf } from "./experiment";
import { ExperimentConflict, InvalidExperimentChange } from "./experiment-errors";
import { periodsAfterWeightChange, refuseCompleted, validatedExperiment } from "./experiment-lifecycle";
import { kindOf } from "./interleaving";

/** A new record at `atMs`: period 0 from the variants' weights; version 0 until the write makes it 1. */
export function newExperiment(request: CreateExperimentRequest, atMs: number): Experiment {
  const status = request.status ?? "draft";
  return validatedExperiment({
    name: request.name,
    status,
    ...(request.kind && { kind: request.kind }),
    version: 0,
    variants: request.variants,
    ...(request.metrics && { metrics: request.metrics }),
    allocation: request.allocation ?? { type: "fixed" },
    periods: [{ index: 0, started_at: atMs, weights: weightsOf(request.variants), source: "created" }],
    active_spans: status === "active" ? [{ started_at: atMs }] : [],
  });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Server-kept fields may come back as GET gave them; a different value is a mistake worth naming. */
function readOnlyProblems(current: Experiment, update: UpdateExperimentRequest) {
  const hints = {
    name: "is the path's experiment; it cannot be renamed",
    status: "changes only through POST /experiments/{name}/status",
    winner: "is set by completing the experiment",
    periods: "are kept by the server: change the variants' weights instead",
    active_spans: "are kept by the server",
  } as const;
  return (Object.keys(hints) as (keyof typeof hints)[])
    .filter((field) => update[field] !== undefined && !same(update[field], current[field]))
    .map((field) => ({ field, problem: hints[field] }));
}

/**
 * Once users may have enrolled, the variant ids and their order are fixed (stored assignments
 * name them; the first is the control) and so are the metrics (the counters are exact only from
 * the start). Weights, campaigns, descriptions and the allocation may still change.
 */
function startedProblems(
  current: Experiment,
  update: UpdateExperimentRequest,
): ExperimentConflict | undefined {
  if (current.status === "draft") return undefined;
  const ids = (variants: readonly { id: string }[]) => variants.map((variant) => variant.id);
  if (!same(ids(current.variants), ids(update.variants))) {
    return new ExperimentConflict(
      "experiment_started",
      "variants",
      `the variant ids of a started experiment stay ${ids(current.variants).join(", ")}, in that order`,
    );
  }
  if (update.kind !== undefined && update.kind !== kindOf(current)) {
    return new ExperimentConflict("experiment_started", "kind", "the kind of a started experiment is fixed");
  }
  if (update.metrics !== undefined && !same(update.metrics, current.metrics)) {
    return new ExperimentConflict(
      "experiment_started",
      "metrics",
      "the metrics of a started experiment are fixed",
    );
  }
  return undefined;
}

/**
 * The record a PUT makes of `current` at `atMs` (pure; the version check is the write path's).
 * A weight change starts a new allocation period ("manual").
 */
export function reviseExperiment(
  current: Experiment,
  update: UpdateExperimentRequest,
  atMs: number,
): Experiment {
  refuseCompleted(current, "cannot be changed");
  const readOnly = readOnlyProblems(current, update);
  if (readOnly.length > 0) throw new InvalidExperimentChange(readOnly);
  const conflict = startedProblems(current, update);
  if (conflict) throw conflict;
  const { metrics: _metrics, ...kept } = current;
  const next = {
    ...kept,
    ...(update.kind && { kind: update.kind }),
    variants: update.variants,
    ...((update.metrics ?? current.metrics) && { metrics: update.metrics ?? current.metrics }),
    allocation: update.allocation ?? current.allocation ?? { type: "fixed" as const },
  };
  return validatedExperiment({ ...next, periods: periodsAfterWeightChange(current, next, "manual", atMs) });
}
