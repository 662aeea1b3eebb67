import { BatchWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  COUNTER_ATTRIBUTES,
  COUNTER_KEY,
  type CounterCell,
  cellKey,
  counterPartition,
} from "@personalize-ab/adapters";
import type { SufficientStats } from "@personalize-ab/domain";

/** A cell's share in one counter shard, as the stream consumer leaves it in the counters table. */
export interface ShardedCell extends CounterCell {
  readonly shard: number;
}

function counterItem(testName: string, cell: ShardedCell): Record<string, unknown> {
  const item: Record<string, unknown> = {
    [COUNTER_KEY.partition]: counterPartition(testName, cell.shard),
    [COUNTER_KEY.sort]: cellKey(cell),
  };
  for (const [field, attribute] of Object.entries(COUNTER_ATTRIBUTES) as [keyof SufficientStats, string][]) {
    const value = cell.stats[field];
    if (value !== undefined) item[attribute] = value;
  }
  return item;
}

/** Writes counter items directly, 25 to a batch, retrying what DynamoDB leaves unprocessed. */
export async function putCounterCells(
  documents: DynamoDBDocumentClient,
  countersTable: string,
  testName: string,
  cells: readonly ShardedCell[],
): Promise<void> {
  for (let start = 0; start < cells.length; start += 25) {
    let requests = cells
      .slice(start, start + 25)
      .map((cell) => ({ PutRequest: { Item: counterItem(testName, cell) } }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await documents.send(
        new BatchWriteCommand({ RequestItems: { [countersTable]: requests } }),
      );
      requests = (UnprocessedItems?.[countersTable] ?? []) as typeof requests;
    }
  }
}
