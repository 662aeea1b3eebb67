import type { StreamFunctionDefinition, StreamSourceDefinition } from "@personalize-ab/domain";
import type { EventSourceMapping } from "./event-source-mapping";

/**
 * The event source mapping infra gives a stream function on one source table. Stream functions
 * answer partial batch responses (ReportBatchItemFailures). One batch per shard at a time: with a
 * parallelization factor above 1 Lambda keeps each key's records in order too, so reading them
 * one batch at a time changes throughput, not results.
 */
export function catalogEventSourceMapping(
  definition: StreamFunctionDefinition,
  source: StreamSourceDefinition,
): EventSourceMapping {
  return {
    batchSize: definition.batchSize,
    maximumBatchingWindowInSeconds: definition.maximumBatchingWindowSeconds,
    bisectBatchOnFunctionError: definition.bisectBatchOnFunctionError,
    maximumRetryAttempts: definition.maximumRetryAttempts,
    reportBatchItemFailures: true,
    startingPosition: source.startingPosition,
  };
}
