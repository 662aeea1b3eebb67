import { resolveTrackingId, sortableId, type TrackedEvent } from "@personalize-ab/adapters";
import { logger, MetricUnit, metrics } from "@personalize-ab/adapters/powertools";
import { DEFAULT_TEST_NAME, type EventRequest, type EventResponse, METRICS } from "@personalize-ab/domain";
import { assignments, config, events, forwarder, timeBudgetMs } from "./clients";

export interface Tracked {
  readonly response: EventResponse;
  readonly event: TrackedEvent;
}

/**
 * The user's variant in the default experiment, read and never created: an event of a user who
 * was never assigned (never served through the API) is stored unattributed, because crediting it
 * to the variant the hash would pick counts users who never saw that variant.
 */
async function attribution(userId: string) {
  const stored = await assignments.find(userId, DEFAULT_TEST_NAME);
  return stored ? { testName: stored.testName, variant: stored.variant } : {};
}

async function forward(tracking: string, event: TrackedEvent): Promise<boolean> {
  try {
    await forwarder.forward(tracking, event, AbortSignal.timeout(timeBudgetMs));
  } catch (error) {
    // Stored and still marked pending: replay sends it later. The client's request succeeded.
    logger.warn("event not forwarded, left for replay", {
      userId: event.userId,
      eventId: event.eventId,
      error,
    });
    metrics.addMetric(METRICS.eventForwardFailures, MetricUnit.Count, 1);
    return false;
  }
  metrics.addMetric(METRICS.eventsForwarded, MetricUnit.Count, 1);
  try {
    await events.markForwarded(event.userId, event.eventId, Date.now());
  } catch (error) {
    // Forwarded but still marked: replay may send it once more, which is the lesser harm.
    logger.error("forwarded event not unmarked", { userId: event.userId, eventId: event.eventId, error });
  }
  return true;
}

/** Stores the event once, attributed to the user's variant, and forwards it to Personalize. */
export async function trackEvent(request: EventRequest, receivedAtMs: number): Promise<Tracked> {
  const [assigned, tracking] = await Promise.all([attribution(request.user_id), resolveTrackingId(config)]);
  const event: TrackedEvent = {
    userId: request.user_id,
    eventId: request.event_id ?? sortableId(receivedAtMs),
    eventType: request.event_type,
    timestampMs: request.timestamp === undefined ? receivedAtMs : Math.round(request.timestamp * 1000),
    receivedAtMs,
    // Personalize wants a session; the recipe uses the user id when the client sends none.
    sessionId: request.session_id ?? request.user_id,
    itemId: request.item_id,
    recommendationId: request.recommendation_id,
    eventValue: request.event_value,
    properties: request.properties === undefined ? undefined : JSON.stringify(request.properties),
    ...assigned,
  };
  const forwardable = event.itemId !== undefined && tracking !== undefined;

  const stored = await events.store(event, { forwardable });
  if (stored === "duplicate") {
    metrics.addMetric(METRICS.eventDuplicates, MetricUnit.Count, 1);
    return { event, response: { event_id: event.eventId, duplicate: true, forwarded: false } };
  }
  metrics.addMetric(METRICS.eventsStored, MetricUnit.Count, 1);
  const forwarded = forwardable && tracking !== undefined ? await forward(tracking, event) : false;
  return { event, response: { event_id: event.eventId, duplicate: false, forwarded } };
}
