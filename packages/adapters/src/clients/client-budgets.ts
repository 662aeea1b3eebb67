/**
 * How long one SDK call may wait, and how often it is tried, so no call outlives the function that
 * makes it: an API function has 5 s, and one stalled DynamoDB call gives up after at most
 * 2 x 2 s + backoff (≈ 4.1 s) and is answered 503. The timeouts are far above DynamoDB's normal
 * latency (single-digit ms) and leave room for DynamoDB Local on a loaded CI machine.
 */
export interface ClientBudget {
  /** Longest wait for a TCP connection (and TLS) to be set up. */
  readonly connectionTimeoutMs: number;
  /** Longest a request may go without an answer once sent; an error then, not a warning. */
  readonly requestTimeoutMs: number;
  /** Tries per call, the first included, under the SDK's standard retry strategy (backoff with jitter). */
  readonly maxAttempts: number;
}

export const CLIENT_BUDGETS = {
  dynamodb: { connectionTimeoutMs: 1000, requestTimeoutMs: 2000, maxAttempts: 2 },
  // Request timeouts replaced by PERSONALIZE_TIMEOUT_MS, which also bounds the whole call; one retry at most.
  personalizeRuntime: { connectionTimeoutMs: 1000, requestTimeoutMs: 1000, maxAttempts: 2 },
  personalizeEvents: { connectionTimeoutMs: 1000, requestTimeoutMs: 1000, maxAttempts: 2 },
  // The training pipeline's control-plane calls and uploads run in a 15-minute function.
  personalizeControl: { connectionTimeoutMs: 2000, requestTimeoutMs: 15_000, maxAttempts: 4 },
  s3: { connectionTimeoutMs: 2000, requestTimeoutMs: 30_000, maxAttempts: 4 },
} as const satisfies Record<string, ClientBudget>;
