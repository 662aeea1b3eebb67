import { BatchWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** DynamoDB's limit of put requests in one BatchWriteItem. */
export const BATCH_WRITE_LIMIT = 25;

export interface BatchWriteOptions {
  /** Batches in flight at once. */
  readonly concurrency?: number;
  /** Tries per batch, the first included, before giving up on its unprocessed items. */
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly onProgress?: (written: number, total: number) => void;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface BatchWriteResult {
  readonly written: number;
  /** Times a batch's unprocessed items were sent again. */
  readonly retries: number;
}

type Item = Record<string, unknown>;
type WriteRequest = { PutRequest: { Item: Item } };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Puts every item with BatchWriteItem, `concurrency` batches at a time. DynamoDB may accept part of
 * a batch and hand the rest back as UnprocessedItems (throttling); those are sent again after an
 * exponential backoff with jitter, until all land or a batch runs out of attempts.
 */
export async function batchWriteAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Item[],
  options: BatchWriteOptions = {},
): Promise<BatchWriteResult> {
  const {
    concurrency = 4,
    maxAttempts = 8,
    baseDelayMs = 50,
    maxDelayMs = 2000,
    sleep = defaultSleep,
  } = options;
  const batches: WriteRequest[][] = [];
  for (let start = 0; start < items.length; start += BATCH_WRITE_LIMIT) {
    batches.push(items.slice(start, start + BATCH_WRITE_LIMIT).map((Item) => ({ PutRequest: { Item } })));
  }
  let written = 0;
  let retries = 0;
  let next = 0;

  const writeBatch = async (batch: WriteRequest[]) => {
    let pending = batch;
    for (let attempt = 1; ; attempt++) {
      const response = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      const unprocessed = (response.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
      written += pending.length - unprocessed.length;
      options.onProgress?.(written, items.length);
      if (unprocessed.length === 0) return;
      if (attempt >= maxAttempts) {
        throw new Error(
          `BatchWriteItem to ${tableName}: ${unprocessed.length} items still unprocessed after ${maxAttempts} attempts`,
        );
      }
      retries++;
      pending = unprocessed;
      const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      await sleep(ceiling / 2 + Math.random() * (ceiling / 2));
    }
  };

  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      await writeBatch(batch);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, batches.length)) }, worker));
  return { written, retries };
}
