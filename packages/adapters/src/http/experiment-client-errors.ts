import { ExperimentConflict, InvalidExperimentChange } from "@personalize-ab/domain";
import { ClientError, invalidRequest } from "./errors";

/** Runs a domain step, answering its refusals as the client errors they are (400 or 409, by field). */
export function asClientErrors<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw clientErrorOf(error);
  }
}

/** The client error a domain refusal is (InvalidExperimentChange: 400, ExperimentConflict: 409); anything else as it is. */
export function clientErrorOf(error: unknown): unknown {
  if (error instanceof InvalidExperimentChange) return invalidRequest(error.problems);
  if (error instanceof ExperimentConflict) {
    return new ClientError(409, error.code, error.message, [{ field: error.field, problem: error.problem }]);
  }
  return error;
}
