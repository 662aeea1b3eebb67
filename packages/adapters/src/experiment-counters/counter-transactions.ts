import { type DynamoDBDocumentClient, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { addStats, type SufficientStats } from "@personalize-ab/domain";
import { COUNTER_ATTRIBUTES, COUNTER_KEY, counterPartition } from "./counter-cells";
import type { CounterUnit } from "./user-counter-plan";
import { userMetricStateItem } from "./user-metric-state";

/** TransactWriteItems takes at most 100 items. */
export const TRANSACTION_ITEM_LIMIT = 100;

/** Units written together: every unit's state, and one summed ADD per counter cell they touch. */
export interface CounterTransaction {
  readonly units: CounterUnit[];
  /** Summed deltas by `${testName}\u0000${cellKey}`. */
  readonly cells: Map<string, { readonly testName: string; readonly cell: string; stats: SufficientStats }>;
}

function cellsOf(unit: CounterUnit): string[] {
  return [...unit.deltas.keys()].map((cell) => `${unit.testName}\u0000${cell}`);
}

/**
 * Packs units into transactions of at most 100 items. Users of one variant share that variant's
 * cells, so a transaction of k users writes k states and about (metrics x periods) counter items.
 */
export function packTransactions(units: readonly CounterUnit[]): CounterTransaction[] {
  const transactions: CounterTransaction[] = [];
  let current: CounterTransaction | undefined;
  for (const unit of units) {
    const cells = cellsOf(unit);
    const added = cells.filter((cell) => !current?.cells.has(cell)).length;
    if (!current || current.units.length + 1 + current.cells.size + added > TRANSACTION_ITEM_LIMIT) {
      current = { units: [], cells: new Map() };
      transactions.push(current);
    }
    current.units.push(unit);
    for (const [cell, { stats }] of unit.deltas) {
      const key = `${unit.testName}\u0000${cell}`;
      const known = current.cells.get(key);
      if (known) known.stats = addStats(known.stats, stats);
      else current.cells.set(key, { testName: unit.testName, cell, stats: { ...stats } });
    }
  }
  return transactions;
}

function statePut(tableName: string, unit: CounterUnit) {
  const item = userMetricStateItem(unit.state);
  if (unit.expectedVersion === undefined) {
    return { Put: { TableName: tableName, Item: item, ConditionExpression: "attribute_not_exists(UserId)" } };
  }
  return {
    Put: {
      TableName: tableName,
      Item: item,
      ConditionExpression: "Version = :expected",
      ExpressionAttributeValues: { ":expected": unit.expectedVersion },
    },
  };
}

function counterAdd(
  tableName: string,
  testName: string,
  shard: number,
  cell: string,
  stats: SufficientStats,
) {
  const fields = (Object.keys(stats) as (keyof SufficientStats)[]).filter(
    (field) => stats[field] !== undefined,
  );
  return {
    Update: {
      TableName: tableName,
      Key: { [COUNTER_KEY.partition]: counterPartition(testName, shard), [COUNTER_KEY.sort]: cell },
      UpdateExpression: `ADD ${fields.map((field) => `#${field} :${field}`).join(", ")}`,
      ExpressionAttributeNames: Object.fromEntries(
        fields.map((field) => [`#${field}`, COUNTER_ATTRIBUTES[field]]),
      ),
      ExpressionAttributeValues: Object.fromEntries(fields.map((field) => [`:${field}`, stats[field]])),
    },
  };
}

/**
 * Writes one transaction: all of it or none of it, so a consumer that dies between transactions
 * leaves each user either fully counted (their state's sequence number moved) or not at all.
 * The counter shard is the caller's choice: any shard is correct, readers sum them all.
 */
export async function writeTransaction(
  documents: DynamoDBDocumentClient,
  tables: { readonly userMetrics: string; readonly counters: string },
  transaction: CounterTransaction,
  shard: number,
): Promise<number> {
  const items = [
    ...transaction.units.map((unit) => statePut(tables.userMetrics, unit)),
    ...[...transaction.cells.values()].map(({ testName, cell, stats }) =>
      counterAdd(tables.counters, testName, shard, cell, stats),
    ),
  ];
  await documents.send(new TransactWriteCommand({ TransactItems: items }));
  return items.length;
}
