import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import type { ApplyReport, ExperimentCounterConsumer } from "./counter-consumer";
import { type CounterStreamRecord, counterStreamRecordOf } from "./stream-records";

/**
 * A Lambda stream batch through the consumer, answered as a partial batch response: the first
 * record not applied is named, so Lambda retries from it (earlier records are checkpointed, later
 * ones redelivered and skipped by their sequence numbers).
 */
export async function applyStreamBatch(
  consumer: ExperimentCounterConsumer,
  event: DynamoDBStreamEvent,
): Promise<{ response: DynamoDBBatchResponse; report: ApplyReport; ignored: number }> {
  const records: CounterStreamRecord[] = [];
  const positions: number[] = [];
  event.Records.forEach((record, index) => {
    const counted = counterStreamRecordOf(record);
    if (!counted) return;
    records.push(counted);
    positions.push(index);
  });
  const report = await consumer.apply(records, positions);
  const failed = report.failedIndex === undefined ? undefined : event.Records[report.failedIndex];
  const itemIdentifier = failed?.dynamodb?.SequenceNumber;
  return {
    response: { batchItemFailures: itemIdentifier ? [{ itemIdentifier }] : [] },
    report,
    ignored: event.Records.length - records.length,
  };
}
