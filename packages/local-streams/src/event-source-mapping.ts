/**
 * The settings of a Lambda event source mapping on a DynamoDB stream that the local runner honours,
 * named as in Lambda's CreateEventSourceMapping (camel-cased), with Lambda's defaults.
 */
export interface EventSourceMapping {
  /** Most records per invocation (BatchSize; Lambda allows 1–10,000). Default 100. */
  readonly batchSize?: number;
  /** How long to gather records before invoking, in seconds (MaximumBatchingWindowInSeconds). Default 0. */
  readonly maximumBatchingWindowInSeconds?: number;
  /** On a function error, split the failing batch in two and retry each half (BisectBatchOnFunctionError). */
  readonly bisectBatchOnFunctionError?: boolean;
  /**
   * Retries of a failing batch before it goes to the on-failure destination (MaximumRetryAttempts).
   * -1, Lambda's default, retries until the records leave the stream.
   */
  readonly maximumRetryAttempts?: number;
  /** FunctionResponseTypes contains ReportBatchItemFailures: honour `batchItemFailures` in responses. */
  readonly reportBatchItemFailures?: boolean;
  /** Where a shard with no checkpoint starts (StartingPosition). Default TRIM_HORIZON. */
  readonly startingPosition?: "TRIM_HORIZON" | "LATEST";
}

export type ResolvedMapping = Required<EventSourceMapping>;

export function resolveMapping(mapping: EventSourceMapping = {}): ResolvedMapping {
  const resolved: ResolvedMapping = {
    batchSize: mapping.batchSize ?? 100,
    maximumBatchingWindowInSeconds: mapping.maximumBatchingWindowInSeconds ?? 0,
    bisectBatchOnFunctionError: mapping.bisectBatchOnFunctionError ?? false,
    maximumRetryAttempts: mapping.maximumRetryAttempts ?? -1,
    reportBatchItemFailures: mapping.reportBatchItemFailures ?? false,
    startingPosition: mapping.startingPosition ?? "TRIM_HORIZON",
  };
  if (!Number.isInteger(resolved.batchSize) || resolved.batchSize < 1 || resolved.batchSize > 10_000) {
    throw new RangeError(`batchSize must be an integer from 1 to 10000, got ${resolved.batchSize}`);
  }
  const window = resolved.maximumBatchingWindowInSeconds;
  if (!(window >= 0 && window <= 300)) {
    throw new RangeError(`maximumBatchingWindowInSeconds must be from 0 to 300, got ${window}`);
  }
  const retries = resolved.maximumRetryAttempts;
  if (!Number.isInteger(retries) || retries < -1 || retries > 10_000) {
    throw new RangeError(`maximumRetryAttempts must be an integer from -1 to 10000, got ${retries}`);
  }
  return resolved;
}
