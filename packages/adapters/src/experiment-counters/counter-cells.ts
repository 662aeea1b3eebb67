import { type DynamoDBDocumentClient, paginateQuery } from "@aws-sdk/lib-dynamodb";
import { addStats, ENV, type SufficientStats, TABLES } from "@personalize-ab/domain";
import pMap from "p-map";

/**
 * Counter items are spread over this many shards per experiment unless EXPERIMENT_COUNTER_SHARDS
 * says otherwise. Readers must query at least as many shards as writers ever used.
 */
export const DEFAULT_COUNTER_SHARDS = 16;
export const MAX_COUNTER_SHARDS = 256;

export function counterShards(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env[ENV.experimentCounterShards] ?? DEFAULT_COUNTER_SHARDS);
  if (!Number.isInteger(value) || value < 1 || value > MAX_COUNTER_SHARDS) {
    throw new Error(`${ENV.experimentCounterShards} must be a whole number from 1 to ${MAX_COUNTER_SHARDS}`);
  }
  return value;
}

export const COUNTER_KEY = {
  partition: TABLES.experimentCounters.partitionKey.name,
  sort: TABLES.experimentCounters.sortKey.name,
} as const;

/** Item attribute of each statistic; a counter item holds only these and its key. */
export const COUNTER_ATTRIBUTES: Readonly<Record<keyof SufficientStats, string>> = {
  n: "N",
  sum: "Sum",
  sum_squares: "SumSquares",
  den_sum: "DenSum",
  den_sum_squares: "DenSumSquares",
  cross_sum: "CrossSum",
};

/**
 * One experiment cell: a metric's statistics for a variant's users enrolled on one UTC day in one
 * stratum (the allocation period they enrolled in, or the holdout).
 */
export interface CounterCell {
  readonly metric: string;
  readonly variant: string;
  /** "YYYY-MM-DD", the UTC day of enrollment. */
  readonly period: string;
  /** `p<allocation period index>`, or `h` for held-out users. */
  readonly stratum: string;
  readonly stats: SufficientStats;
}

export type CellAddress = Omit<CounterCell, "stats">;

// '#' cannot occur in a test name, a variant id, a metric name, a day or a stratum.
export function counterPartition(testName: string, shard: number): string {
  return `${testName}#${shard}`;
}

export function cellKey({ period, stratum, variant, metric }: CellAddress): string {
  return `${period}#${stratum}#${variant}#${metric}`;
}

/** A cell's address from its sort key; keys written before strata existed (`day#variant#metric`) are period 0's. */
export function cellAddressOf(key: string): CellAddress {
  const parts = key.split("#");
  const [period = "", stratum = "", variant = "", metric = ""] =
    parts.length === 3 ? [parts[0], "p0", ...parts.slice(1)] : parts;
  return { period, stratum, variant, metric };
}

function statsOf(item: Record<string, unknown>): SufficientStats {
  const read = (field: keyof SufficientStats) => Number(item[COUNTER_ATTRIBUTES[field]] ?? 0);
  const stats: SufficientStats = { n: read("n"), sum: read("sum"), sum_squares: read("sum_squares") };
  if (item[COUNTER_ATTRIBUTES.den_sum] !== undefined) {
    stats.den_sum = read("den_sum");
    stats.den_sum_squares = read("den_sum_squares");
    stats.cross_sum = read("cross_sum");
  }
  return stats;
}

/**
 * Every counter item of an experiment (those whose sort key begins with `prefix`, if given): one
 * paginated Query per shard, in parallel.
 */
export async function queryCounterPartitions(
  documents: DynamoDBDocumentClient,
  countersTable: string,
  testName: string,
  shards = counterShards(),
  prefix?: string,
): Promise<Record<string, unknown>[][]> {
  return pMap(
    Array.from({ length: shards }, (_, shard) => shard),
    async (shard) => {
      const items: Record<string, unknown>[] = [];
      const pages = paginateQuery(
        { client: documents },
        {
          TableName: countersTable,
          KeyConditionExpression:
            prefix === undefined
              ? "#partition = :partition"
              : "#partition = :partition AND begins_with(#cell, :prefix)",
          ExpressionAttributeNames: {
            "#partition": COUNTER_KEY.partition,
            ...(prefix !== undefined && { "#cell": COUNTER_KEY.sort }),
          },
          ExpressionAttributeValues: {
            ":partition": counterPartition(testName, shard),
            ...(prefix !== undefined && { ":prefix": prefix }),
          },
          ConsistentRead: true,
        },
      );
      for await (const page of pages) items.push(...(page.Items ?? []));
      return items;
    },
    { concurrency: 16 },
  );
}

/**
 * Every counter cell of an experiment, summed over its shards: one Query per shard, so the cost is
 * O(variants x metrics x periods x shards) whatever the number of users. Cells come sorted by
 * period, variant and metric.
 */
export async function readExperimentCounters(
  documents: DynamoDBDocumentClient,
  countersTable: string,
  testName: string,
  options: { readonly shards?: number } = {},
): Promise<CounterCell[]> {
  const totals = new Map<string, SufficientStats>();
  const pages = await queryCounterPartitions(documents, countersTable, testName, options.shards);
  for (const item of pages.flat()) {
    // An interleaving experiment's cells (`interleaving#...`) are read by readInterleavingCells.
    if (String(item[COUNTER_KEY.sort]).startsWith("interleaving#")) continue;
    // Normalised: a cell written before strata existed adds into its period-0 cell.
    const key = cellKey(cellAddressOf(String(item[COUNTER_KEY.sort])));
    const stats = statsOf(item);
    const known = totals.get(key);
    totals.set(key, known ? addStats(known, stats) : stats);
  }
  return [...totals.keys()].sort().map((key) => ({ ...cellAddressOf(key), stats: totals.get(key)! }));
}
