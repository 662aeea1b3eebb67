import { isThrottlingError, isTransientError } from "@smithy/service-error-classification";

/** What a client is told to wait before trying again when a dependency is unavailable. */
export const RETRY_AFTER_SECONDS = 2;

/**
 * Whether a failure means a service we depend on (DynamoDB above all) is unavailable rather than
 * that our code is wrong: timeouts, refused or reset connections, throttling and 5xx that the
 * SDK's retries did not get past. Classified by the SDK's own retry rules, so what it would retry
 * and what we answer 503 agree.
 */
export function isDependencyUnavailable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const candidate = error as Parameters<typeof isTransientError>[0];
  return isTransientError(candidate) || isThrottlingError(candidate);
}
