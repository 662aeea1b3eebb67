import { assignmentPoint, assignVariant } from "./assignment";
import type { ActiveSpan, Experiment, Variant } from "./experiment";
import { ExperimentConflict } from "./experiment-errors";

/** What a serving function does for an experiment in its current status. */
export type ServingDecision =
  /** Active: the user's stored variant, or a new enrollment; exposures and events are recorded. */
  | { readonly kind: "enroll"; readonly status: "active" }
  /** Paused (the control) or completed (the winner): everyone gets this variant, nothing is recorded. */
  | { readonly kind: "fixed"; readonly status: "paused" | "completed"; readonly variant: Variant };

/**
 * How an experiment is served now. A draft is not served at all: 409 `experiment_not_started`,
 * which tells a caller the name exists but must be started first (a 404 would hide a typo's cause).
 */
export function servingDecision(experiment: Experiment): ServingDecision {
  switch (experiment.status) {
    case "active":
      return { kind: "enroll", status: "active" };
    case "paused":
      return { kind: "fixed", status: "paused", variant: experiment.variants[0]! };
    case "completed":
      return {
        kind: "fixed",
        status: "completed",
        variant:
          experiment.variants.find((variant) => variant.id === experiment.winner) ?? experiment.variants[0]!,
      };
    case "draft":
      throw new ExperimentConflict(
        "experiment_not_started",
        "test_name",
        `${experiment.name} is a draft; start it with POST /experiments/${experiment.name}/status`,
      );
  }
}

/** A new user's place in an experiment: the variant, the allocation period and whether held out. */
export interface EnrollmentChoice<V> {
  readonly variant: V;
  readonly period: number;
  readonly holdout: boolean;
}

/**
 * The held-out users of a bandit: an md5 point of their own (salted apart from the variant's
 * point, so being held out says nothing about the variant) below the holdout share.
 */
export function isHeldOut(userId: string, experiment: Experiment): boolean {
  const allocation = experiment.allocation;
  if (allocation?.type !== "bandit" || !allocation.holdout) return false;
  return assignmentPoint(userId, `${experiment.name}#holdout`) < allocation.holdout;
}

/**
 * Where a new user enrolls: the recipe's hash over the current weights, or over equal weights for
 * a held-out user (the plain split the bandit is measured against), in the current period.
 */
export function chooseEnrollment(userId: string, experiment: Experiment): EnrollmentChoice<Variant> {
  const holdout = isHeldOut(userId, experiment);
  const equal = experiment.variants.map((variant) => ({
    variant,
    id: variant.id,
    weight: 1 / experiment.variants.length,
  }));
  const variant = holdout
    ? assignVariant(userId, experiment.name, equal).variant
    : assignVariant(userId, experiment.name, experiment.variants);
  return { variant, period: experiment.periods.at(-1)!.index, holdout };
}

/** The counter stratum of an enrollment: `h` for held-out users, else `p<period index>`. */
export function enrollmentStratum(choice: { readonly period: number; readonly holdout: boolean }): string {
  return choice.holdout ? "h" : `p${choice.period}`;
}

/** Whether the experiment was active at `atMs` (inside one of its active spans). */
export function wasActiveAt(spans: readonly ActiveSpan[], atMs: number): boolean {
  return spans.some(
    (span) => atMs >= span.started_at && (span.ended_at === undefined || atMs < span.ended_at),
  );
}
