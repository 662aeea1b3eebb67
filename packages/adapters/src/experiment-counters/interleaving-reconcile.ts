import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  creditImpressions,
  type InterleavingCells,
  interleavingCellsOf,
  PAIR_CELL_FIELDS,
} from "@personalize-ab/domain";
import { readInterleavingRecords } from "../interleaving/interleaving-records";
import type { CountingRules } from "./experiment-metrics-source";
import { readInterleavingCells } from "./interleaving-cells";

/** A cell field of an interleaving experiment, as reconcile names it. */
export interface InterleavingCellField {
  /** `interleaving_impressions`, `interleaving_failures` or `interleaving_pair`. */
  readonly metric: string;
  /** The failed variant, or the pair as `a#b`; empty for the totals. */
  readonly variant: string;
  readonly field: string;
}

function fieldsOf(cells: InterleavingCells): Map<string, InterleavingCellField & { value: number }> {
  const fields = new Map<string, InterleavingCellField & { value: number }>();
  const put = (metric: string, variant: string, field: string, value: number) =>
    fields.set(`${metric}\u0000${variant}\u0000${field}`, { metric, variant, field, value });
  put("interleaving_impressions", "", "impressions", cells.impressions);
  put("interleaving_impressions", "", "clicked_impressions", cells.clicked_impressions);
  for (const [variant, impressions] of Object.entries(cells.failures)) {
    put("interleaving_failures", variant, "impressions", impressions);
  }
  for (const [pair, cell] of Object.entries(cells.pairs)) {
    for (const field of PAIR_CELL_FIELDS) put("interleaving_pair", pair, field, cell[field]);
  }
  return fields;
}

/**
 * An interleaving experiment's cells recomputed from its raw exposures and clicks (the parallel
 * Scan of the events table the results no longer do), beside what the counters hold.
 */
export async function recomputeInterleavingCells(
  documents: DynamoDBDocumentClient,
  tables: { readonly events: string; readonly counters: string },
  testName: string,
  rules: CountingRules,
  shards?: number,
): Promise<{
  readonly users: number;
  readonly expected: Map<string, InterleavingCellField & { value: number }>;
  readonly actual: Map<string, InterleavingCellField & { value: number }>;
}> {
  const variants = rules.variants ?? [];
  const [records, actual] = await Promise.all([
    readInterleavingRecords(documents, tables.events, testName),
    readInterleavingCells(documents, tables.counters, testName, { shards }),
  ]);
  const credited = creditImpressions(variants, records.impressions, records.events, rules.activeSpans);
  return {
    users: new Set(records.impressions.map((impression) => impression.userId)).size,
    expected: fieldsOf(interleavingCellsOf(variants, credited)),
    actual: fieldsOf(actual),
  };
}
