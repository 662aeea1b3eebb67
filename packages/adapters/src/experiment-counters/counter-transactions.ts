import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from "@aws-sdk/lib-dynamodb";
import type { SufficientStats } from "@personalize-ab/domain";
import { COUNTER_ATTRIBUTES, COUNTER_KEY, counterPartition } from "./counter-cells";
import type { CounterUnit } from "./user-counter-plan";
import { userMetricStateItem } from "./user-metric-state";

/** TransactWriteItems takes at most 100 items. */
export const TRANSACTION_ITEM_LIMIT = 100;
/** ... and at most 4 MB in all: this leaves room for the request's own overhead. */
export const TRANSACTION_BYTE_LIMIT = 3_500_000;

export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/** A state item a unit writes: its Put (with the condition that makes it exact) and its identity. */
export interface StateWrite {
  /** Table and key: one transaction may hold one operation per item. */
  readonly identity: string;
  readonly item: TransactItem;
  /** About what it weighs against the 4 MB limit. */
  readonly bytes: number;
}

/** What a counter cell's item gets added: attribute name → delta. */
export interface CellDelta {
  readonly testName: string;
  /** The cell's sort key. */
  readonly cell: string;
  readonly fields: Readonly<Record<string, number>>;
}

/** One user's change in one experiment as written: its state items and its cells' deltas. */
export interface TransactUnit {
  readonly writes: readonly StateWrite[];
  readonly cells: readonly CellDelta[];
}

/** Units written together: every unit's state items, and one summed ADD per counter cell they touch. */
export interface CounterTransaction {
  readonly units: TransactUnit[];
  /** Summed deltas by `${testName}\u0000${cell}`. */
  readonly cells: Map<
    string,
    { readonly testName: string; readonly cell: string; fields: Record<string, number> }
  >;
  readonly identities: Set<string>;
  bytes: number;
}

const cellId = (delta: CellDelta) => `${delta.testName}\u0000${delta.cell}`;
// A counter item's ADD: its key, a few names and numbers.
const CELL_BYTES = 400;

export function stateWrite(tableName: string, key: Record<string, string>, item: TransactItem): StateWrite {
  return {
    identity: `${tableName}\u0000${Object.values(key).join("\u0000")}`,
    item,
    bytes: JSON.stringify(item).length,
  };
}

/** A state Put conditioned on the version it was read at, or on not existing yet. */
export function versionedPut(
  tableName: string,
  key: Record<string, string>,
  item: Record<string, unknown>,
  expectedVersion: number | undefined,
): StateWrite {
  const put =
    expectedVersion === undefined
      ? {
          TableName: tableName,
          Item: item,
          ConditionExpression: `attribute_not_exists(${Object.keys(key)[0]})`,
        }
      : {
          TableName: tableName,
          Item: item,
          ConditionExpression: "Version = :expected",
          ExpressionAttributeValues: { ":expected": expectedVersion },
        };
  return stateWrite(tableName, key, { Put: put });
}

/** The fields of a counter item a statistics delta adds to. */
export function statsFields(stats: SufficientStats): Record<string, number> {
  const fields: Record<string, number> = {};
  for (const field of Object.keys(stats) as (keyof SufficientStats)[]) {
    const value = stats[field];
    if (value !== undefined) fields[COUNTER_ATTRIBUTES[field]] = value;
  }
  return fields;
}

/** An A/B unit as written: its user state, and one delta per cell. */
export function abTransactUnit(unit: CounterUnit, userMetricsTable: string): TransactUnit {
  const item = userMetricStateItem(unit.state);
  return {
    writes: [
      versionedPut(
        userMetricsTable,
        { UserId: unit.state.userId, TestName: unit.state.testName },
        item,
        unit.expectedVersion,
      ),
    ],
    cells: [...unit.deltas].map(([cell, { stats }]) => ({
      testName: unit.testName,
      cell,
      fields: statsFields(stats),
    })),
  };
}

function fits(transaction: CounterTransaction, unit: TransactUnit): boolean {
  if (unit.writes.some((write) => transaction.identities.has(write.identity))) return false;
  const added = new Set(unit.cells.map(cellId).filter((id) => !transaction.cells.has(id))).size;
  const items =
    transaction.units.reduce((sum, known) => sum + known.writes.length, 0) +
    transaction.cells.size +
    unit.writes.length +
    added;
  const bytes =
    transaction.bytes + unit.writes.reduce((sum, write) => sum + write.bytes, 0) + added * CELL_BYTES;
  return items <= TRANSACTION_ITEM_LIMIT && bytes <= TRANSACTION_BYTE_LIMIT;
}

/**
 * Packs units into transactions of at most 100 items and 4 MB. Users of one variant share that
 * variant's cells, so a transaction of k users writes k states and about (metrics x periods)
 * counter items. Two units that write the same state item (one user's successive units) go to
 * separate transactions, in order. A unit must fit in one transaction on its own (its planner
 * bounds it).
 */
export function packTransactions(units: readonly TransactUnit[]): CounterTransaction[] {
  const transactions: CounterTransaction[] = [];
  let current: CounterTransaction | undefined;
  for (const unit of units) {
    if (!current || !fits(current, unit)) {
      current = { units: [], cells: new Map(), identities: new Set(), bytes: 0 };
      transactions.push(current);
    }
    current.units.push(unit);
    for (const write of unit.writes) {
      current.identities.add(write.identity);
      current.bytes += write.bytes;
    }
    for (const delta of unit.cells) {
      const id = cellId(delta);
      const known = current.cells.get(id);
      if (!known) {
        current.cells.set(id, { testName: delta.testName, cell: delta.cell, fields: { ...delta.fields } });
        current.bytes += CELL_BYTES;
        continue;
      }
      for (const [field, value] of Object.entries(delta.fields))
        known.fields[field] = (known.fields[field] ?? 0) + value;
    }
  }
  return transactions;
}

function counterAdd(
  tableName: string,
  testName: string,
  shard: number,
  cell: string,
  fields: Readonly<Record<string, number>>,
): TransactItem {
  const names = Object.keys(fields);
  return {
    Update: {
      TableName: tableName,
      Key: { [COUNTER_KEY.partition]: counterPartition(testName, shard), [COUNTER_KEY.sort]: cell },
      UpdateExpression: `ADD ${names.map((_, i) => `#f${i} :f${i}`).join(", ")}`,
      ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#f${i}`, name])),
      ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:f${i}`, fields[name]])),
    },
  };
}

/**
 * Writes one transaction: all of it or none of it, so a consumer that dies between transactions
 * leaves each user either fully counted (their state moved) or not at all.
 * The counter shard is the caller's choice: any shard is correct, readers sum them all.
 */
export async function writeTransaction(
  documents: DynamoDBDocumentClient,
  countersTable: string,
  transaction: CounterTransaction,
  shard: number,
): Promise<number> {
  const items = [
    ...transaction.units.flatMap((unit) => unit.writes.map((write) => write.item)),
    ...[...transaction.cells.values()].map(({ testName, cell, fields }) =>
      counterAdd(countersTable, testName, shard, cell, fields),
    ),
  ];
  await documents.send(new TransactWriteCommand({ TransactItems: items }));
  return items.length;
}
