import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";

/** A Lambda DynamoDB-streams handler, as an app exports it. */
export type StreamHandler = (
  event: DynamoDBStreamEvent,
  context: Context,
) => Promise<DynamoDBBatchResponse | undefined> | Promise<void>;

export type InvocationOutcome =
  | { readonly kind: "success" }
  /** The function threw, or answered a partial batch response Lambda cannot use. */
  | { readonly kind: "function-error"; readonly error: unknown }
  /** The function reported failed records: the batch is done up to the first of them. */
  | { readonly kind: "partial-failure"; readonly firstFailedIndex: number };

/**
 * What Lambda makes of a function's answer to a stream batch. With ReportBatchItemFailures, no
 * response or an empty `batchItemFailures` is success; an identifier that is empty or names no record
 * of the batch fails the whole batch; otherwise the batch resumes at the lowest failed sequence number.
 */
export function invocationOutcome(
  records: readonly DynamoDBRecord[],
  response: unknown,
  reportBatchItemFailures: boolean,
): InvocationOutcome {
  if (!reportBatchItemFailures || response === undefined || response === null) return { kind: "success" };
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { kind: "success" };
  if (!Array.isArray(failures)) {
    return { kind: "function-error", error: new Error("batchItemFailures is not an array") };
  }
  if (failures.length === 0) return { kind: "success" };
  let firstFailedIndex = records.length;
  for (const failure of failures) {
    const identifier = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    const index =
      typeof identifier === "string" && identifier !== ""
        ? records.findIndex((record) => record.dynamodb?.SequenceNumber === identifier)
        : -1;
    if (index < 0) {
      return {
        kind: "function-error",
        error: new Error(`batchItemFailures names ${JSON.stringify(identifier)}, no record of this batch`),
      };
    }
    firstFailedIndex = Math.min(firstFailedIndex, index);
  }
  return { kind: "partial-failure", firstFailedIndex };
}
