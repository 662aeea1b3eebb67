import {
  createDocumentClient,
  ExperimentStore,
  readExperimentCounters,
  requireEnv,
} from "@personalize-ab/adapters";
import { logger, MetricUnit, metrics } from "@personalize-ab/adapters/powertools";
import { ENV, METRICS } from "@personalize-ab/domain";
import type { Context } from "aws-lambda";
import { type ExperimentOutcome, runBanditRound } from "./bandit-round";

// Created once per execution environment, reused by every invocation.
const documents = createDocumentClient();
const store = new ExperimentStore(documents, {
  experiments: requireEnv(ENV.experimentsTable),
  history: requireEnv(ENV.experimentHistoryTable),
});
const countersTable = requireEnv(ENV.experimentCountersTable);

function logOutcome(outcome: ExperimentOutcome) {
  switch (outcome.outcome) {
    case "waited":
      logger.debug("bandit waits", { ...outcome });
      return;
    case "reweighted":
    case "completed":
      logger.info(`bandit ${outcome.outcome}`, { ...outcome });
      if (outcome.decision.action === "reweight" && outcome.decision.winner) {
        // Said once per run while it holds; the record completes only if it asks to.
        logger.info("bandit winner found", { test_name: outcome.test_name, winner: outcome.decision.winner });
      }
      return;
    case "conflict":
      logger.warn("experiment changed since it was read; its bandit update waits for the next run", {
        ...outcome,
      });
      return;
    case "failed":
      logger.error("bandit update failed", { ...outcome });
  }
}

const winnerOf = (outcome: ExperimentOutcome) =>
  "decision" in outcome && outcome.decision.action !== "wait" ? outcome.decision.winner : null;

/**
 * Runs on a schedule: every active bandit experiment gets its weights recomputed from its counters
 * and, when due, a new allocation period (or, with a winner and `complete_on_winner`, completion)
 * written through the experiment write path with its history entry.
 */
export async function handler(_event: unknown, context: Context): Promise<ExperimentOutcome[]> {
  logger.addContext(context);
  try {
    const outcomes = await runBanditRound({
      store,
      readCounters: (testName) => readExperimentCounters(documents, countersTable, testName),
      nowMs: Date.now,
    });
    outcomes.forEach(logOutcome);
    const count = (kinds: readonly ExperimentOutcome["outcome"][]) =>
      outcomes.filter((outcome) => kinds.includes(outcome.outcome)).length;
    metrics.addMetric(METRICS.banditReweights, MetricUnit.Count, count(["reweighted"]));
    metrics.addMetric(METRICS.banditWinners, MetricUnit.Count, outcomes.filter(winnerOf).length);
    metrics.addMetric(METRICS.banditConflicts, MetricUnit.Count, count(["conflict"]));
    metrics.addMetric(METRICS.banditFailures, MetricUnit.Count, count(["failed"]));
    return outcomes;
  } finally {
    metrics.publishStoredMetrics();
  }
}
