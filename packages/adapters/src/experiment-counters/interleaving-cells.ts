import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  combinePairCells,
  EMPTY_PAIR_CELL,
  type InterleavingCells,
  PAIR_CELL_FIELDS,
  type PairCell,
  pairKey,
} from "@personalize-ab/domain";
import { COUNTER_KEY, queryCounterPartitions } from "./counter-cells";
import type { CellDelta } from "./counter-transactions";

/**
 * An interleaving experiment's counter items, in its counter partitions beside where A/B cells
 * would be (those begin with a day, these with `interleaving#`):
 * `interleaving#impressions` (Impressions, ClickedImpressions), `interleaving#failed#<variant>`
 * (Impressions) and `interleaving#pair#<a>#<b>` (the pair cell's fields).
 */
export const INTERLEAVING_CELL_PREFIX = "interleaving#";
const TOTALS_CELL = `${INTERLEAVING_CELL_PREFIX}impressions`;
const FAILED_CELL = `${INTERLEAVING_CELL_PREFIX}failed#`;
const PAIR_CELL = `${INTERLEAVING_CELL_PREFIX}pair#`;

const PAIR_ATTRIBUTES: Readonly<Record<keyof PairCell, string>> = {
  users: "Users",
  sum: "Sum",
  sum_squares: "SumSquares",
  wins: "Wins",
  losses: "Losses",
  ties: "Ties",
  prefer_a: "PreferA",
  prefer_b: "PreferB",
  prefer_neither: "PreferNeither",
};

/** What a user's change adds to the totals cell. */
export function totalsDelta(testName: string, impressions: number, clicked: number): CellDelta {
  return { testName, cell: TOTALS_CELL, fields: { Impressions: impressions, ClickedImpressions: clicked } };
}

export function failedDelta(testName: string, variant: string, impressions: number): CellDelta {
  return { testName, cell: `${FAILED_CELL}${variant}`, fields: { Impressions: impressions } };
}

export function pairDelta(testName: string, a: string, b: string, delta: PairCell): CellDelta {
  return {
    testName,
    cell: `${PAIR_CELL}${pairKey(a, b)}`,
    fields: Object.fromEntries(PAIR_CELL_FIELDS.map((field) => [PAIR_ATTRIBUTES[field], delta[field]])),
  };
}

function pairCellOf(item: Record<string, unknown>): PairCell {
  return Object.fromEntries(
    PAIR_CELL_FIELDS.map((field) => [field, Number(item[PAIR_ATTRIBUTES[field]] ?? 0)]),
  ) as unknown as PairCell;
}

/**
 * An interleaving experiment's cells, summed over its shards: one Query per shard of a few items
 * (pairs + variants + 1), so the cost is constant in the number of users and events.
 */
export async function readInterleavingCells(
  documents: DynamoDBDocumentClient,
  countersTable: string,
  testName: string,
  options: { readonly shards?: number } = {},
): Promise<InterleavingCells> {
  const pages = await queryCounterPartitions(
    documents,
    countersTable,
    testName,
    options.shards,
    INTERLEAVING_CELL_PREFIX,
  );
  let impressions = 0;
  let clicked = 0;
  const failures: Record<string, number> = {};
  const pairs: Record<string, PairCell> = {};
  for (const item of pages.flat()) {
    const cell = String(item[COUNTER_KEY.sort]);
    if (cell === TOTALS_CELL) {
      impressions += Number(item.Impressions ?? 0);
      clicked += Number(item.ClickedImpressions ?? 0);
    } else if (cell.startsWith(FAILED_CELL)) {
      const variant = cell.slice(FAILED_CELL.length);
      failures[variant] = (failures[variant] ?? 0) + Number(item.Impressions ?? 0);
    } else if (cell.startsWith(PAIR_CELL)) {
      const pair = cell.slice(PAIR_CELL.length);
      pairs[pair] = combinePairCells(pairs[pair] ?? EMPTY_PAIR_CELL, pairCellOf(item));
    }
  }
  return { impressions, clicked_impressions: clicked, failures, pairs };
}
