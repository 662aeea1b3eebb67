import { setTimeout as sleep } from "node:timers/promises";
import { lambdaContext } from "@personalize-ab/adapters/http";
import type { DynamoDBRecord } from "aws-lambda";
import { type InvocationOutcome, invocationOutcome, type StreamHandler } from "./batch-invocation";
import type { ResolvedMapping } from "./event-source-mapping";
import type { OnFailureRecord } from "./failure-destination";
import type { RunnerErrorReporter } from "./runner-errors";

export interface BatchDelivery {
  readonly table: string;
  readonly shardId: string;
  readonly streamArn: string;
  readonly functionName: string;
  readonly mapping: ResolvedMapping;
  readonly handler: StreamHandler;
  readonly retryDelayMs: number;
  /** Test option: a batch the function handled is handed to it again, this many times in all. */
  readonly deliveriesPerBatch: number;
  readonly signal: AbortSignal;
  readonly sendToFailureDestination: (record: OnFailureRecord) => Promise<void>;
  /** Every record up to and including this one is done with (handled or given up). */
  readonly checkpoint: (sequenceNumber: string) => void;
  readonly reportError: RunnerErrorReporter;
}

/** A run of consecutive records still owed to the function, with the failed invocations it has had. */
interface PendingRange {
  records: DynamoDBRecord[];
  failures: number;
  invocations: number;
}

const sequenceOf = (record: DynamoDBRecord) => record.dynamodb?.SequenceNumber ?? "";
const arrivalOf = (record: DynamoDBRecord) =>
  new Date((record.dynamodb?.ApproximateCreationDateTime ?? 0) * 1000).toISOString();

async function invokeOnce(delivery: BatchDelivery, records: DynamoDBRecord[]): Promise<InvocationOutcome> {
  try {
    // A copy each time: a function that edits its event must not change what a retry receives.
    const event = { Records: structuredClone(records) };
    const response = await delivery.handler(event, lambdaContext(delivery.functionName));
    return invocationOutcome(records, response, delivery.mapping.reportBatchItemFailures);
  } catch (error) {
    return { kind: "function-error", error };
  }
}

async function invoke(delivery: BatchDelivery, range: PendingRange): Promise<InvocationOutcome> {
  for (let attempt = 1; ; attempt++) {
    delivery.signal.throwIfAborted();
    range.invocations++;
    const outcome = await invokeOnce(delivery, range.records);
    if (outcome.kind !== "success" || attempt >= delivery.deliveriesPerBatch) return outcome;
  }
}

function onFailureRecord(
  delivery: BatchDelivery,
  range: PendingRange,
  outcome: InvocationOutcome,
): OnFailureRecord {
  const first = range.records[0]!;
  const last = range.records.at(-1)!;
  return {
    requestContext: {
      requestId: crypto.randomUUID(),
      functionArn: lambdaContext(delivery.functionName).invokedFunctionArn,
      condition: "RetryAttemptsExhausted",
      approximateInvokeCount: range.invocations,
    },
    responseContext: {
      statusCode: 200,
      executedVersion: "$LATEST",
      ...(outcome.kind === "function-error" && { functionError: "Unhandled" }),
    },
    version: "1.0",
    timestamp: new Date().toISOString(),
    DDBStreamBatchInfo: {
      shardId: delivery.shardId,
      startSequenceNumber: sequenceOf(first),
      endSequenceNumber: sequenceOf(last),
      approximateArrivalOfFirstRecord: arrivalOf(first),
      approximateArrivalOfLastRecord: arrivalOf(last),
      batchSize: range.records.length,
      streamArn: delivery.streamArn,
    },
  };
}

async function giveUp(delivery: BatchDelivery, record: OnFailureRecord): Promise<void> {
  // The destination is where nothing may be lost: keep trying until it takes the message or we stop.
  for (;;) {
    try {
      return await delivery.sendToFailureDestination(record);
    } catch (error) {
      delivery.reportError(error, {
        table: delivery.table,
        during: "on-failure-destination",
        shardId: delivery.shardId,
      });
      await sleep(delivery.retryDelayMs, undefined, { signal: delivery.signal });
    }
  }
}

/**
 * Hands one batch of a shard to the function until every record is handled or given up, in stream
 * order, as Lambda does: a function error retries the batch, or with bisect splits it in two (a
 * split is not a retry); a partial batch response checkpoints the records before the first failed
 * one and retries from it; past `maximumRetryAttempts` the failing records go to the on-failure
 * destination and the shard moves on. Throws only when the runner stops (an AbortError).
 */
export async function deliverBatch(delivery: BatchDelivery, records: DynamoDBRecord[]): Promise<void> {
  const { mapping } = delivery;
  const pending: PendingRange[] = [{ records, failures: 0, invocations: 0 }];
  while (pending.length > 0) {
    const range = pending[0]!;
    const outcome = await invoke(delivery, range);
    if (outcome.kind === "success") {
      delivery.checkpoint(sequenceOf(range.records.at(-1)!));
      pending.shift();
      continue;
    }
    if (outcome.kind === "function-error") {
      delivery.reportError(outcome.error, {
        table: delivery.table,
        during: "invoke",
        shardId: delivery.shardId,
      });
      if (mapping.bisectBatchOnFunctionError && range.records.length > 1) {
        const middle = Math.ceil(range.records.length / 2);
        pending.splice(
          0,
          1,
          { records: range.records.slice(0, middle), failures: 0, invocations: 0 },
          { records: range.records.slice(middle), failures: 0, invocations: 0 },
        );
        continue;
      }
      range.failures++;
    } else if (outcome.firstFailedIndex > 0) {
      delivery.checkpoint(sequenceOf(range.records[outcome.firstFailedIndex - 1]!));
      // The retry starts at the first failed record, which has now failed once.
      range.records = range.records.slice(outcome.firstFailedIndex);
      range.failures = 1;
    } else {
      range.failures++;
    }
    const retriesUsed = range.failures - 1;
    if (mapping.maximumRetryAttempts >= 0 && retriesUsed >= mapping.maximumRetryAttempts) {
      await giveUp(delivery, onFailureRecord(delivery, range, outcome));
      delivery.checkpoint(sequenceOf(range.records.at(-1)!));
      pending.shift();
      continue;
    }
    await sleep(delivery.retryDelayMs, undefined, { signal: delivery.signal });
  }
}
