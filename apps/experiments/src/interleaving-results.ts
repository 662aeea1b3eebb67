import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { readInterleavingRecords } from "@personalize-ab/adapters";
import { analyseInterleaving, type Experiment, type InterleavingAnalysis } from "@personalize-ab/domain";

/** The answer of `GET /experiments/{test_name}/results` for an interleaving experiment. */
export type InterleavingResults = {
  readonly test_name: string;
  readonly status: Experiment["status"];
  readonly kind: "interleaving";
  readonly computed_at: string;
  readonly variants: readonly string[];
} & InterleavingAnalysis;

/**
 * Credited from the raw exposures and clicks on every read: exact, and as costly as a Scan of the
 * events table (see the README). A completed experiment's results stop at its completion, as
 * clicks count only while it was active.
 */
export async function interleavingResults(
  documents: DynamoDBDocumentClient,
  eventsTable: string,
  experiment: Experiment,
  computedAt: Date,
): Promise<InterleavingResults> {
  const { impressions, events } = await readInterleavingRecords(documents, eventsTable, experiment.name);
  const variants = experiment.variants.map((variant) => variant.id);
  return {
    test_name: experiment.name,
    status: experiment.status,
    kind: "interleaving",
    computed_at: computedAt.toISOString(),
    variants,
    ...analyseInterleaving(variants, impressions, events, { activeSpans: experiment.active_spans }),
  };
}
