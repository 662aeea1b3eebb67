/**
 * Custom CloudWatch metrics the serving functions emit (EMF, namespace METRICS_NAMESPACE), named
 * once: the functions publish them, the infra dashboard and alarms read them.
 */
export const METRICS = {
  /** Assignments stored by this request (a user's first) versus read back (a returning user). */
  assignmentsCreated: "AssignmentsCreated",
  assignmentsReused: "AssignmentsReused",
  recommendationRequests: "RecommendationRequests",
  /** Responses served from the precomputed popular list instead of Personalize. */
  recommendationFallbacks: "RecommendationFallbacks",
  /** Milliseconds from request to response. */
  recommendationLatency: "RecommendationLatency",
  /** Served responses whose exposure record could not be written (the A/B denominator lost one). */
  exposureRecordFailures: "ExposureRecordFailures",
  /** Variants of an interleaving experiment that failed for a request: their items left out. */
  interleavingVariantFailures: "InterleavingVariantFailures",
  /** Events stored by POST /events, and repeats of a stored event_id (stored once, not again). */
  eventsStored: "EventsStored",
  eventDuplicates: "EventDuplicates",
  /** Events sent to Personalize PutEvents, and sends that failed (left for replay). */
  eventsForwarded: "EventsForwarded",
  eventForwardFailures: "EventForwardFailures",
  /** Events the scheduled replay sent to Personalize, and those it could not send yet. */
  eventsReplayed: "EventsReplayed",
  eventReplayFailures: "EventReplayFailures",
  /** Stream records the experiment counters received, the DynamoDB writes they made, and batches
   * they could apply only in part (retried from the first record not applied). */
  counterRecords: "CounterRecords",
  counterWrites: "CounterWrites",
  counterBatchFailures: "CounterBatchFailures",
  /** Events the replay gave up on after its attempts: kept in the table, no longer replayed. */
  eventsDeadLettered: "EventsDeadLettered",
  /** Bandit experiments the scheduled updater gave a new allocation period, and those whose arm
   * reached the winner probability (completed, if the record asks). */
  banditReweights: "BanditReweights",
  banditWinners: "BanditWinners",
  /** Bandit updates skipped because the record changed since it was read (retried next round). */
  banditConflicts: "BanditConflicts",
  /** Bandit experiments the updater could not update: a record or counters it cannot use. */
  banditFailures: "BanditFailures",
} as const;

export type MetricName = (typeof METRICS)[keyof typeof METRICS];

export const METRIC_DIMENSIONS = {
  /** The environment (dev, prod, local): every metric carries it, so environments never mix. */
  environment: "Environment",
  experiment: "Experiment",
  variant: "Variant",
  source: "Source",
  /** Added by Powertools to every metric: the emitting function's service name (its app). */
  service: "service",
} as const;

/** The Experiment and Variant of an event whose user has no assignment: one dimension set all the same. */
export const UNATTRIBUTED = "none";

const PER_VARIANT = [METRIC_DIMENSIONS.environment, METRIC_DIMENSIONS.experiment, METRIC_DIMENSIONS.variant];
const PER_ENVIRONMENT = [METRIC_DIMENSIONS.environment];

/**
 * The one dimension set each metric is published with, and the app that publishes it (its
 * `service` dimension). The functions emit exactly these; the dashboard and alarms query them.
 */
export const METRIC_SOURCES: Readonly<Record<MetricName, { app: string; dimensions: readonly string[] }>> = {
  [METRICS.assignmentsCreated]: { app: "ab-router", dimensions: PER_VARIANT },
  [METRICS.assignmentsReused]: { app: "ab-router", dimensions: PER_VARIANT },
  [METRICS.recommendationRequests]: { app: "recommendations", dimensions: PER_VARIANT },
  [METRICS.recommendationFallbacks]: { app: "recommendations", dimensions: PER_VARIANT },
  [METRICS.recommendationLatency]: { app: "recommendations", dimensions: PER_VARIANT },
  [METRICS.exposureRecordFailures]: { app: "recommendations", dimensions: PER_VARIANT },
  [METRICS.interleavingVariantFailures]: { app: "recommendations", dimensions: PER_VARIANT },
  [METRICS.eventsStored]: { app: "event-tracker", dimensions: PER_VARIANT },
  [METRICS.eventDuplicates]: { app: "event-tracker", dimensions: PER_VARIANT },
  [METRICS.eventsForwarded]: { app: "event-tracker", dimensions: PER_VARIANT },
  [METRICS.eventForwardFailures]: { app: "event-tracker", dimensions: PER_VARIANT },
  [METRICS.eventsReplayed]: { app: "event-replay", dimensions: PER_ENVIRONMENT },
  [METRICS.eventReplayFailures]: { app: "event-replay", dimensions: PER_ENVIRONMENT },
  [METRICS.eventsDeadLettered]: { app: "event-replay", dimensions: PER_ENVIRONMENT },
  [METRICS.counterRecords]: { app: "experiment-counters", dimensions: PER_ENVIRONMENT },
  [METRICS.counterWrites]: { app: "experiment-counters", dimensions: PER_ENVIRONMENT },
  [METRICS.counterBatchFailures]: { app: "experiment-counters", dimensions: PER_ENVIRONMENT },
  [METRICS.banditReweights]: { app: "bandit-updater", dimensions: PER_ENVIRONMENT },
  [METRICS.banditWinners]: { app: "bandit-updater", dimensions: PER_ENVIRONMENT },
  [METRICS.banditConflicts]: { app: "bandit-updater", dimensions: PER_ENVIRONMENT },
  [METRICS.banditFailures]: { app: "bandit-updater", dimensions: PER_ENVIRONMENT },
};

/** A metric's full dimension set as CloudWatch stores it: the service, then the catalog's. */
export function metricDimensionNames(metric: MetricName): string[] {
  return [METRIC_DIMENSIONS.service, ...METRIC_SOURCES[metric].dimensions];
}
