/**
 * Errors the manager throws. Step Functions matches Retry and Catch on the error name, so every name
 * here is a stable code; messages never carry SDK or stack internals (those go to the log only).
 */
export class ManagerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

export const ERROR_CODES = {
  validation: "ValidationError",
  throttled: "PersonalizeThrottled",
  notFound: "PersonalizeResourceNotFound",
  inUse: "PersonalizeResourceInUse",
  internal: "ManagerInternalError",
} as const;

/** Bad input: the message names the field and the reason. */
export class ValidationError extends ManagerError {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(ERROR_CODES.validation, `${field}: ${reason}`);
  }
}

/** Personalize control-plane errors that clear up on their own, so the pipeline retries them with backoff. */
const THROTTLING_ERRORS = new Set([
  "ThrottlingException",
  "TooManyRequestsException",
  "LimitExceededException",
]);

export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

export function isAlreadyExists(error: unknown): boolean {
  return errorName(error) === "ResourceAlreadyExistsException";
}

/** Maps an error to the stable error the handler surfaces. */
export function toManagerError(error: unknown, requestId: string): ManagerError {
  if (error instanceof ManagerError) return error;
  const name = errorName(error);
  if (THROTTLING_ERRORS.has(name)) {
    return new ManagerError(ERROR_CODES.throttled, "Personalize is throttling or at a limit; retry later");
  }
  if (name === "ResourceNotFoundException") {
    return new ManagerError(ERROR_CODES.notFound, "a Personalize resource the action needs does not exist");
  }
  if (name === "ResourceInUseException") {
    return new ManagerError(
      ERROR_CODES.inUse,
      "a Personalize resource the action needs is busy; retry later",
    );
  }
  return new ManagerError(ERROR_CODES.internal, `the action failed; see the logs for request ${requestId}`);
}
