import pRetry from "p-retry";

export interface BackoffOptions {
  /** Tries, the first included. */
  readonly attempts?: number;
  /** The first resend's delay before jitter; it doubles with each resend, up to maxDelayMs. */
  readonly minDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Told of each resend and the delay before it (progress, tests). */
  readonly onRetry?: (delayMs: number) => void;
}

class StillUnprocessed extends Error {}

/**
 * Calls `send` with what is still pending until it leaves nothing. DynamoDB's batch calls accept
 * part of a request and hand the rest back (UnprocessedItems, UnprocessedKeys) when throttled;
 * that rest is sent again after an exponential backoff with jitter. Errors `send` throws are not
 * retried here (the SDK client has its own retries). Returns how many resends it took; throws
 * `failure(left, attempts)` when the tries run out.
 */
export async function resendUnprocessed<T>(
  pending: readonly T[],
  send: (pending: readonly T[]) => Promise<readonly T[]>,
  failure: (left: number, attempts: number) => string,
  options: BackoffOptions = {},
): Promise<number> {
  const attempts = options.attempts ?? 6;
  let rest = pending;
  let resends = 0;
  await pRetry(
    async (attempt) => {
      rest = await send(rest);
      if (rest.length > 0) throw new StillUnprocessed(failure(rest.length, attempt));
    },
    {
      retries: attempts - 1,
      factor: 2,
      minTimeout: options.minDelayMs ?? 10,
      maxTimeout: options.maxDelayMs ?? 1000,
      randomize: true,
      shouldRetry: ({ error }) => error instanceof StillUnprocessed,
      onFailedAttempt: ({ error, retriesLeft, retryDelay }) => {
        if (error instanceof StillUnprocessed && retriesLeft > 0) {
          resends += 1;
          options.onRetry?.(retryDelay);
        }
      },
    },
  );
  return resends;
}
