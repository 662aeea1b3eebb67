import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * The message Lambda sends to a stream mapping's on-failure destination (SQS or SNS) when it gives a
 * batch up: where the records are in the stream, not the records themselves.
 */
export interface OnFailureRecord {
  readonly requestContext: {
    readonly requestId: string;
    readonly functionArn: string;
    readonly condition: "RetryAttemptsExhausted";
    readonly approximateInvokeCount: number;
  };
  readonly responseContext: {
    readonly statusCode: number;
    readonly executedVersion: string;
    /** "Unhandled" when the function threw; absent when it returned the failures itself. */
    readonly functionError?: string;
  };
  readonly version: "1.0";
  readonly timestamp: string;
  readonly DDBStreamBatchInfo: {
    readonly shardId: string;
    readonly startSequenceNumber: string;
    readonly endSequenceNumber: string;
    readonly approximateArrivalOfFirstRecord: string;
    readonly approximateArrivalOfLastRecord: string;
    readonly batchSize: number;
    readonly streamArn: string;
  };
}

/** Locally, the queue is a JSON Lines file (one message a line) or a callback. */
export type OnFailureDestination =
  | { readonly file: string }
  | ((record: OnFailureRecord) => void | Promise<void>);

export function failureSender(
  destination: OnFailureDestination | undefined,
): (record: OnFailureRecord) => Promise<void> {
  if (destination === undefined) return async () => undefined;
  if (typeof destination === "function") return async (record) => destination(record);
  const { file } = destination;
  return async (record) => {
    await mkdir(dirname(file), { recursive: true });
    await appendFile(file, `${JSON.stringify(record)}\n`);
  };
}
