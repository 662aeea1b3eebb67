import { setTimeout as sleep } from "node:timers/promises";
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { DescribeStreamCommand, DynamoDBStreamsClient, type Shard } from "@aws-sdk/client-dynamodb-streams";
import { localDynamoDbClient } from "@personalize-ab/dynamodb-local";
import type { BatchDelivery } from "./batch-delivery";
import type { StreamHandler } from "./batch-invocation";
import { type EventSourceMapping, resolveMapping } from "./event-source-mapping";
import { failureSender, type OnFailureDestination } from "./failure-destination";
import { type RunnerErrorReporter, reportToStderr } from "./runner-errors";
import { ShardReader } from "./shard-reader";

export interface StreamRunnerOptions {
  /** DynamoDB Local's URL: the table and its stream are both served there. */
  readonly endpoint: string;
  readonly tableName: string;
  readonly handler: StreamHandler;
  /** The function's name in its Lambda context and in on-failure messages. */
  readonly functionName?: string;
  /** The region records name as theirs (`awsRegion`); DynamoDB Local is always read as us-east-1. Default us-east-1. */
  readonly region?: string;
  readonly mapping?: EventSourceMapping;
  /** Where batches go when their retries are exhausted; dropped, as Lambda does, when omitted. */
  readonly onFailure?: OnFailureDestination;
  /** Pause between reads of an idle shard. Lambda polls a DynamoDB stream shard 4 times a second. */
  readonly pollIntervalMs?: number;
  /** Pause before a failed batch is retried, and before a failed stream read is tried again. */
  readonly retryDelayMs?: number;
  /** How often the stream is described again to find new shards. */
  readonly shardDiscoveryIntervalMs?: number;
  /** Shard id → last handled sequence number, e.g. another runner's `checkpoints()`: resume after them. */
  readonly checkpoints?: Readonly<Record<string, string>>;
  readonly reportError?: RunnerErrorReporter;
  /** For tests of idempotent consumers only. */
  readonly testing?: {
    /** Hand every batch the function handled to it again, as a lost acknowledgement would: 2 or 3 times in all. */
    readonly deliveriesPerBatch?: number;
  };
}

export interface StreamRunner {
  readonly streamArn: string;
  /** Resolves once every record written to the table before the call has been handled or given up. */
  caughtUp(): Promise<void>;
  /** Shard id → the last sequence number handled or given up, kept in memory. */
  checkpoints(): Record<string, string>;
  /** Stops reading, lets an invocation in progress finish, and leaves no timer or socket behind. */
  stop(): Promise<void>;
}

async function streamArnOf(endpoint: string, tableName: string): Promise<string> {
  const tables = localDynamoDbClient(endpoint);
  try {
    const { Table } = await tables.send(new DescribeTableCommand({ TableName: tableName }));
    if (!Table?.LatestStreamArn || !Table.StreamSpecification?.StreamEnabled) {
      throw new Error(`table ${tableName} has no stream enabled`);
    }
    return Table.LatestStreamArn;
  } finally {
    tables.destroy();
  }
}

async function describeShards(
  client: DynamoDBStreamsClient,
  streamArn: string,
  signal: AbortSignal,
): Promise<Shard[]> {
  const shards: Shard[] = [];
  let exclusiveStartShardId: string | undefined;
  do {
    const { StreamDescription } = await client.send(
      new DescribeStreamCommand({
        StreamArn: streamArn,
        ...(exclusiveStartShardId && { ExclusiveStartShardId: exclusiveStartShardId }),
      }),
      { abortSignal: signal },
    );
    shards.push(...(StreamDescription?.Shards ?? []));
    exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
  } while (exclusiveStartShardId);
  return shards;
}

/**
 * Runs a Lambda DynamoDB-streams handler off a table's stream on DynamoDB Local, through the real
 * DynamoDB Streams API, as Lambda's event source mapping would: every shard read in order (a child
 * shard only once its parent is done), Lambda-shaped batches, and Lambda's failure handling.
 */
export async function startStreamRunner(options: StreamRunnerOptions): Promise<StreamRunner> {
  const region = options.region ?? "us-east-1";
  const mapping = resolveMapping(options.mapping);
  const deliveriesPerBatch = options.testing?.deliveriesPerBatch ?? 1;
  if (!Number.isInteger(deliveriesPerBatch) || deliveriesPerBatch < 1) {
    throw new RangeError(`testing.deliveriesPerBatch must be a positive integer, got ${deliveriesPerBatch}`);
  }
  const reportError = options.reportError ?? reportToStderr;
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const discoveryIntervalMs = options.shardDiscoveryIntervalMs ?? 1000;
  const streamArn = await streamArnOf(options.endpoint, options.tableName);
  // The same region and keys as the table's client: DynamoDB Local keeps tables per key and region.
  const client = new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const abort = new AbortController();
  const checkpoints: Record<string, string> = { ...options.checkpoints };
  const readers = new Map<string, ShardReader>();
  const running: Promise<void>[] = [];
  const sendToFailureDestination = failureSender(options.onFailure);
  // Describe calls begun, and the number of the last one finished: a shard is known once one begun after it existed has finished.
  let describesBegun = 0;
  let lastDescribeDone = 0;
  const progressListeners = new Set<() => void>();
  const notifyProgress = () => {
    for (const listener of progressListeners) listener();
  };

  const deliveryFor = (shardId: string): BatchDelivery => ({
    table: options.tableName,
    shardId,
    streamArn,
    functionName: options.functionName ?? "stream-consumer",
    mapping,
    handler: options.handler,
    retryDelayMs: options.retryDelayMs ?? 500,
    deliveriesPerBatch,
    signal: abort.signal,
    sendToFailureDestination,
    checkpoint: (sequenceNumber) => {
      checkpoints[shardId] = sequenceNumber;
    },
    reportError,
  });

  let initialShards: Set<string> | undefined;
  // A shard is read once its parent, if the stream still has it, has been read to its end.
  const startReadableShards = async (shards: Shard[]) => {
    if (initialShards === undefined) initialShards = new Set(shards.map((shard) => shard.ShardId ?? ""));
    const known = new Set(shards.map((shard) => shard.ShardId));
    for (const shard of shards) {
      const shardId = shard.ShardId;
      if (!shardId || readers.has(shardId)) continue;
      const parent = shard.ParentShardId;
      if (parent && known.has(parent) && !readers.get(parent)?.finished) continue;
      const checkpoint = checkpoints[shardId];
      const reader = new ShardReader(
        shardId,
        {
          client,
          region,
          pollIntervalMs,
          // A shard that appeared after start holds only records written since: read it from its beginning.
          startingPosition: initialShards.has(shardId) ? mapping.startingPosition : "TRIM_HORIZON",
          ...(checkpoint && { checkpoint }),
          delivery: deliveryFor(shardId),
        },
        () => {
          notifyProgress();
          if (reader.finished) wakeDiscovery.abort();
        },
      );
      await reader.open();
      readers.set(shardId, reader);
      running.push(reader.run().catch(swallowStop));
    }
  };
  const swallowStop = (error: unknown) => {
    if (!abort.signal.aborted) reportError(error, { table: options.tableName, during: "read-shard" });
  };

  let wakeDiscovery = new AbortController();
  const discover = async () => {
    while (!abort.signal.aborted) {
      const number = ++describesBegun;
      try {
        await startReadableShards(await describeShards(client, streamArn, abort.signal));
        lastDescribeDone = number;
        notifyProgress();
      } catch (error) {
        if (abort.signal.aborted) return;
        reportError(error, { table: options.tableName, during: "discover-shards" });
      }
      // Wakes early when a shard closes, so its children start at once.
      const wake = AbortSignal.any([abort.signal, wakeDiscovery.signal]);
      await sleep(discoveryIntervalMs, undefined, { signal: wake }).catch(() => undefined);
      if (wakeDiscovery.signal.aborted) wakeDiscovery = new AbortController();
    }
  };

  try {
    describesBegun = 1;
    await startReadableShards(await describeShards(client, streamArn, abort.signal));
    lastDescribeDone = 1;
  } catch (error) {
    abort.abort();
    client.destroy();
    throw error;
  }
  running.push(discover());

  const caughtUp = () =>
    new Promise<void>((resolve, reject) => {
      const describesBefore = describesBegun;
      wakeDiscovery.abort();
      const readsBefore = new Map([...readers].map(([id, reader]) => [id, reader.readsBegun]));
      const check = () => {
        if (abort.signal.aborted) {
          progressListeners.delete(check);
          return reject(new Error("the stream runner was stopped"));
        }
        if (lastDescribeDone <= describesBefore) return;
        for (const [id, reader] of readers) {
          if (!reader.finished && reader.lastIdleRead <= (readsBefore.get(id) ?? 0)) return;
        }
        progressListeners.delete(check);
        resolve();
      };
      progressListeners.add(check);
      check();
    });

  return {
    streamArn,
    caughtUp,
    checkpoints: () => ({ ...checkpoints }),
    async stop() {
      abort.abort();
      notifyProgress();
      await Promise.all(running);
      client.destroy();
    },
  };
}
