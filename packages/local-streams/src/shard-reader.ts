import { setTimeout as sleep } from "node:timers/promises";
import {
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type ShardIteratorType,
} from "@aws-sdk/client-dynamodb-streams";
import type { DynamoDBRecord } from "aws-lambda";
import { type BatchDelivery, deliverBatch } from "./batch-delivery";
import { lambdaRecord } from "./lambda-record";

/** GetRecords returns at most 1,000 records a call. */
const GET_RECORDS_LIMIT = 1000;

export interface ShardReaderSettings {
  readonly client: DynamoDBStreamsClient;
  readonly region: string;
  readonly pollIntervalMs: number;
  /** Where to begin when the shard has no checkpoint. */
  readonly startingPosition: "TRIM_HORIZON" | "LATEST";
  readonly checkpoint?: string;
  readonly delivery: BatchDelivery;
}

/**
 * Reads one shard in order and hands its records to the function in batches, one batch at a time.
 * Its counters let the runner tell when every record written before a moment has been handled.
 */
export class ShardReader {
  /** GetRecords calls begun, and the last of them that found nothing new with nothing left to hand over. */
  readsBegun = 0;
  lastIdleRead = 0;
  finished = false;
  private iterator: string | undefined;
  private lastRead: string | undefined;
  private readonly buffer: DynamoDBRecord[] = [];
  private firstBufferedAt = 0;

  constructor(
    readonly shardId: string,
    private readonly settings: ShardReaderSettings,
    private readonly onProgress: () => void,
  ) {
    this.lastRead = settings.checkpoint;
  }

  /** Takes the shard's first iterator, so a LATEST reader sees everything written after this resolves. */
  async open(): Promise<void> {
    this.iterator = await this.iteratorAt(this.lastRead);
  }

  private async iteratorAt(afterSequenceNumber: string | undefined): Promise<string | undefined> {
    const { delivery } = this.settings;
    const type: ShardIteratorType = afterSequenceNumber
      ? "AFTER_SEQUENCE_NUMBER"
      : this.settings.startingPosition;
    const { ShardIterator } = await this.settings.client.send(
      new GetShardIteratorCommand({
        StreamArn: delivery.streamArn,
        ShardId: this.shardId,
        ShardIteratorType: type,
        ...(afterSequenceNumber && { SequenceNumber: afterSequenceNumber }),
      }),
      { abortSignal: delivery.signal },
    );
    return ShardIterator;
  }

  private async read(): Promise<number> {
    const { client, delivery, region } = this.settings;
    this.readsBegun++;
    let output: GetRecordsCommandOutput;
    try {
      output = await client.send(
        new GetRecordsCommand({
          ShardIterator: this.iterator,
          Limit: Math.min(GET_RECORDS_LIMIT, delivery.mapping.batchSize - this.buffer.length),
        }),
        { abortSignal: delivery.signal },
      );
    } catch (error) {
      const name = (error as Error).name;
      if (name === "ExpiredIteratorException") {
        this.iterator = await this.iteratorAt(this.lastRead);
        return 0;
      }
      if (name === "TrimmedDataAccessException") {
        this.lastRead = undefined;
        this.iterator = await this.iteratorAt(undefined);
        return 0;
      }
      throw error;
    }
    const records = output.Records ?? [];
    if (records.length > 0 && this.buffer.length === 0) this.firstBufferedAt = Date.now();
    for (const record of records) this.buffer.push(lambdaRecord(record, delivery.streamArn, region));
    this.lastRead = records.at(-1)?.dynamodb?.SequenceNumber ?? this.lastRead;
    // No next iterator: the shard is closed and this was the end of it.
    this.iterator = output.NextShardIterator;
    return records.length;
  }

  /** Reads and delivers until the shard is closed and handed over, or the runner stops. */
  async run(): Promise<void> {
    const { delivery, pollIntervalMs } = this.settings;
    const windowMs = delivery.mapping.maximumBatchingWindowInSeconds * 1000;
    for (;;) {
      const readNumber = this.readsBegun + 1;
      let found = 0;
      if (this.iterator !== undefined && this.buffer.length < delivery.mapping.batchSize) {
        try {
          found = await this.read();
        } catch (error) {
          if (delivery.signal.aborted) throw error;
          delivery.reportError(error, { table: delivery.table, during: "read-shard", shardId: this.shardId });
          await sleep(delivery.retryDelayMs, undefined, { signal: delivery.signal });
          continue;
        }
      }
      const closed = this.iterator === undefined;
      const full = this.buffer.length >= delivery.mapping.batchSize;
      const windowOver = Date.now() - this.firstBufferedAt >= windowMs;
      if (this.buffer.length > 0 && (full || closed || windowOver)) {
        await deliverBatch(delivery, this.buffer.splice(0, delivery.mapping.batchSize));
        if (this.buffer.length > 0) this.firstBufferedAt = Date.now();
        continue;
      }
      if (closed) {
        this.finished = true;
        this.onProgress();
        return;
      }
      if (found === 0 && this.buffer.length === 0) {
        this.lastIdleRead = readNumber;
        this.onProgress();
      }
      if (found > 0) continue;
      const untilWindowEnds =
        this.buffer.length > 0 ? this.firstBufferedAt + windowMs - Date.now() : Infinity;
      await sleep(Math.max(0, Math.min(pollIntervalMs, untilWindowEnds)), undefined, {
        signal: delivery.signal,
      });
    }
  }
}
