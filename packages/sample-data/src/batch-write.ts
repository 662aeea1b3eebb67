import { BatchWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { type BackoffOptions, resendUnprocessed } from "@personalize-ab/adapters";

/** DynamoDB's limit of put requests in one BatchWriteItem. */
export const BATCH_WRITE_LIMIT = 25;

export interface BatchWriteOptions {
  /** Batches in flight at once. */
  readonly concurrency?: number;
  /** Resending a batch's unprocessed items: tries, delays. */
  readonly backoff?: BackoffOptions;
  readonly onProgress?: (written: number, total: number) => void;
}

export interface BatchWriteResult {
  readonly written: number;
  /** Times a batch's unprocessed items were sent again. */
  readonly retries: number;
}

type Item = Record<string, unknown>;
type WriteRequest = { PutRequest: { Item: Item } };

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
  const { concurrency = 4 } = options;
  const batches: WriteRequest[][] = [];
  for (let start = 0; start < items.length; start += BATCH_WRITE_LIMIT) {
    batches.push(items.slice(start, start + BATCH_WRITE_LIMIT).map((Item) => ({ PutRequest: { Item } })));
  }
  let written = 0;
  let retries = 0;
  let next = 0;

  const writeBatch = async (batch: WriteRequest[]) => {
    // Awaited first: `retries += await …` would read `retries` before the wait and lose the
    // other workers' resends.
    const resent = await resendUnprocessed(
      batch,
      async (pending) => {
        const response = await client.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: [...pending] } }),
        );
        const unprocessed = (response.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
        written += pending.length - unprocessed.length;
        options.onProgress?.(written, items.length);
        return unprocessed;
      },
      (left, attempts) =>
        `BatchWriteItem to ${tableName}: ${left} items still unprocessed after ${attempts} attempts`,
      { attempts: 8, minDelayMs: 50, ...options.backoff },
    );
    retries += resent;
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
