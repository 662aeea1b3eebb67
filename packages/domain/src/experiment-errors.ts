/** One problem with an experiment change: the field (dotted path) and what is wrong with it. */
export interface ExperimentProblem {
  readonly field: string;
  readonly problem: string;
}

/** A change whose content is wrong (a bad weight, an unknown winner): the caller must fix the input. */
export class InvalidExperimentChange extends Error {
  override readonly name = "InvalidExperimentChange";

  constructor(readonly problems: readonly ExperimentProblem[]) {
    super(problems.map((problem) => `${problem.field}: ${problem.problem}`).join("; "));
  }
}

export type ExperimentConflictCode =
  | "experiment_exists"
  | "version_conflict"
  | "invalid_transition"
  | "experiment_completed"
  | "experiment_started"
  | "experiment_not_started";

/** A change that the record's current state refuses (HTTP 409): stale version, forbidden transition. */
export class ExperimentConflict extends Error {
  override readonly name = "ExperimentConflict";

  constructor(
    readonly code: ExperimentConflictCode,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}
