import {
  configCacheTtlMs,
  createDocumentClient,
  createPersonalizeEventsClient,
  EventForwarder,
  EventsRepository,
  ExperimentConfigSource,
  personalizeTimeoutMs,
  type ReplayReport,
  replayPendingEvents,
  requireEnv,
  resolveTrackingId,
} from "@personalize-ab/adapters";
import { logger, MetricUnit, metrics } from "@personalize-ab/adapters/powertools";
import { ENV, METRICS } from "@personalize-ab/domain";
import type { Context } from "aws-lambda";

// Created once per execution environment, reused by every invocation.
const documents = createDocumentClient();
const events = new EventsRepository(documents, requireEnv(ENV.eventsTable));
const config = new ExperimentConfigSource(documents, requireEnv(ENV.experimentsTable), {
  ttlMs: configCacheTtlMs(),
});
const forwarder = new EventForwarder(createPersonalizeEventsClient());
const DEADLINE_MARGIN_MS = 10_000;

/** A fifth of the time left, at most ten seconds, is kept to mark, log and publish metrics. */
function deadlineOf(remainingMs: number): number {
  return Date.now() + remainingMs - Math.min(DEADLINE_MARGIN_MS, remainingMs / 5);
}

/**
 * Runs on a schedule: every event the tracker stored but could not hand to Personalize is sent
 * again, and leaves the replay index once it goes through. Without a tracking id (no event tracker
 * deployed yet) the events stay owed, untouched.
 */
export async function handler(_event: unknown, context: Context): Promise<ReplayReport> {
  logger.addContext(context);
  try {
    const trackingId = await resolveTrackingId(config);
    if (!trackingId) {
      logger.warn("no tracking id configured; pending events stay owed");
      return { replayed: 0, failed: 0, deadLettered: 0, budgetExhausted: false };
    }
    const report = await replayPendingEvents({
      events,
      forwarder,
      trackingId,
      timeoutMs: personalizeTimeoutMs(),
      // Stop starting sends a margin before Lambda's own timeout, so the run ends on its own terms.
      deadlineMs: deadlineOf(context.getRemainingTimeInMillis()),
    });
    metrics.addMetric(METRICS.eventsReplayed, MetricUnit.Count, report.replayed);
    metrics.addMetric(METRICS.eventReplayFailures, MetricUnit.Count, report.failed);
    metrics.addMetric(METRICS.eventsDeadLettered, MetricUnit.Count, report.deadLettered);
    if (report.replayed + report.failed > 0) logger.info("replayed pending events", { ...report });
    return report;
  } finally {
    metrics.publishStoredMetrics();
  }
}
