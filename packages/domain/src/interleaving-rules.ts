import type { Experiment } from "./experiment";
import type { ExperimentIssue } from "./experiment-rules";
import { kindOf } from "./interleaving";

/**
 * The counters keep one cell per pair and update a user's pairs in one transaction of at most 100
 * items: 8 variants (28 pairs) leave room for the user's impressions beside them.
 */
export const MAX_INTERLEAVED_VARIANTS = 8;

/**
 * What an interleaving experiment needs beyond an A/B record. Its weights are still shares that
 * sum to 1 (the record and its periods keep one shape, and the experiment can become an A/B test
 * of the survivors), but serving ignores them: every user sees every variant's items.
 */
export function reportInterleavingProblems(
  experiment: Experiment,
  report: (issue: ExperimentIssue) => void,
): void {
  if (kindOf(experiment) !== "interleaving") return;
  const problem = (path: PropertyKey[], message: string) => report({ code: "custom", path, message });
  if (experiment.variants.length < 2) {
    problem(["variants"], "an interleaving experiment needs at least two variants");
  }
  if (experiment.variants.length > MAX_INTERLEAVED_VARIANTS) {
    problem(["variants"], `an interleaving experiment takes at most ${MAX_INTERLEAVED_VARIANTS} variants`);
  }
  if (experiment.allocation?.type === "bandit") {
    problem(
      ["allocation", "type"],
      "must be fixed for an interleaving experiment: every user sees every variant's items",
    );
  }
  if (experiment.metrics !== undefined) {
    problem(["metrics"], "do not apply to an interleaving experiment: it is analysed by credited clicks");
  }
}
