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
} as const;

export const METRIC_DIMENSIONS = {
  experiment: "Experiment",
  variant: "Variant",
  source: "Source",
} as const;
