import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { readInterleavingCells } from "@personalize-ab/adapters";
import {
  type Experiment,
  type InterleavingAnalysis,
  interleavingAnalysisOfCells,
} from "@personalize-ab/domain";

/** The answer of `GET /experiments/{test_name}/results` for an interleaving experiment. */
export type InterleavingResults = {
  readonly test_name: string;
  readonly status: Experiment["status"];
  readonly kind: "interleaving";
  readonly computed_at: string;
  readonly variants: readonly string[];
} & InterleavingAnalysis;

/**
 * Read from the experiment's counter cells (one Query per shard of pairs + variants + 1 items,
 * whatever the number of events), which the stream consumer keeps exactly once per raw record;
 * `experiment reconcile` recomputes them from the raw exposures and clicks. A completed
 * experiment's results stop at its completion, as clicks count only while it was active.
 */
export async function interleavingResults(
  documents: DynamoDBDocumentClient,
  countersTable: string,
  experiment: Experiment,
  computedAt: Date,
): Promise<InterleavingResults> {
  const cells = await readInterleavingCells(documents, countersTable, experiment.name);
  const variants = experiment.variants.map((variant) => variant.id);
  return {
    test_name: experiment.name,
    status: experiment.status,
    kind: "interleaving",
    computed_at: computedAt.toISOString(),
    variants,
    ...interleavingAnalysisOfCells(variants, cells),
  };
}
