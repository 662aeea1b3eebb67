import type { InterleavingResults } from "@personalize-ab/experiments/interleaving";
import type { ExperimentResults } from "@personalize-ab/experiments/results";

/** What `GET /experiments/{test_name}/results` answers: an A/B analysis, or an interleaving one. */
export type AnyResults = ExperimentResults | InterleavingResults;

export function isInterleaving(results: AnyResults): results is InterleavingResults {
  return "kind" in results && results.kind === "interleaving";
}
