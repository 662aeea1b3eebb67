import { logger } from "@personalize-ab/adapters/powertools";
import type { z } from "zod";
import { ACTION_NAMES, ACTIONS } from "./actions";
import type { ManagerContext } from "./context";
import { ERROR_CODES, toManagerError, ValidationError } from "./errors";

/** The recipe's response shape: a status code and a JSON body. */
export interface ManagerResponse {
  readonly statusCode: 200;
  readonly body: string;
}

function firstIssue(error: z.ZodError): ValidationError {
  const issue = error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.join(".") : "payload";
  return new ValidationError(field, issue.message);
}

/**
 * Runs the payload's action. Failures are thrown rather than returned so that Step Functions sees
 * them (Retry and Catch match the error name); each carries a stable code, and only our log has
 * the underlying detail.
 */
export async function dispatch(
  payload: unknown,
  context: ManagerContext,
  requestId: string,
): Promise<ManagerResponse> {
  const actionName =
    typeof payload === "object" && payload !== null ? (payload as { action?: unknown }).action : undefined;
  const action = typeof actionName === "string" ? ACTIONS.get(actionName) : undefined;
  if (!action) throw new ValidationError("action", `must be one of ${ACTION_NAMES.join(", ")}`);
  const parsed = action.input.safeParse(payload);
  if (!parsed.success) throw firstIssue(parsed.error);
  try {
    const result = await action.run(parsed.data, context);
    logger.info("action done", { action: action.name, result });
    return { statusCode: 200, body: JSON.stringify(result) };
  } catch (error) {
    const surfaced = toManagerError(error, requestId);
    const log = surfaced.code === ERROR_CODES.internal ? logger.error : logger.warn;
    log.call(logger, "action failed", { action: action.name, code: surfaced.code, requestId, error });
    throw surfaced;
  }
}
