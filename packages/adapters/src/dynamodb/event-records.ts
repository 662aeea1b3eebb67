import { TABLES } from "@personalize-ab/domain";

/**
 * An event as the events table holds it. Attribute names follow the recipe (UserId, Timestamp,
 * EventType, ItemId, SessionId, RecommendationId, Properties) and are what the interactions export
 * reads; Timestamp is epoch milliseconds, as the table's UserTimeIndex sorts it.
 */
export interface TrackedEvent {
  readonly userId: string;
  /** The client's event_id or a generated sortable id: the sort key, so a retry lands on itself. */
  readonly eventId: string;
  readonly eventType: string;
  /** When it happened, epoch milliseconds. */
  readonly timestampMs: number;
  /** When we received it, epoch milliseconds: replay waits until in-flight forwards are over. */
  readonly receivedAtMs: number;
  readonly sessionId: string;
  readonly itemId?: string | undefined;
  readonly recommendationId?: string | undefined;
  readonly eventValue?: number | undefined;
  /** JSON text, as Personalize takes it and the recipe stored it. */
  readonly properties?: string | undefined;
  /** The user's experiment and variant when the event arrived, if the user had one. */
  readonly testName?: string | undefined;
  readonly variant?: string | undefined;
}

/** The events table's TTL attribute (epoch seconds): DynamoDB deletes the record some time after it. */
export const EXPIRES_AT = TABLES.events.ttlAttribute!;

export const EVENT_KEY = {
  partition: TABLES.events.partitionKey.name,
  sort: TABLES.events.sortKey.name,
} as const;

const [replayIndex] = TABLES.events.globalIndexes;
/** The sparse index of events still owed to Personalize, and its partition attribute. */
export const PENDING_REPLAY = {
  index: replayIndex.name,
  partitionAttribute: replayIndex.partitionKey.name,
} as const;

export function eventItem(event: TrackedEvent): Record<string, unknown> {
  return {
    [EVENT_KEY.partition]: event.userId,
    [EVENT_KEY.sort]: event.eventId,
    EventType: event.eventType,
    Timestamp: event.timestampMs,
    ReceivedAt: event.receivedAtMs,
    SessionId: event.sessionId,
    ItemId: event.itemId,
    RecommendationId: event.recommendationId,
    EventValue: event.eventValue,
    Properties: event.properties,
    TestName: event.testName,
    Variant: event.variant,
  };
}

const text = (value: unknown) => (typeof value === "string" ? value : undefined);
const number = (value: unknown) => (typeof value === "number" ? value : undefined);

export function trackedEventOf(item: Record<string, unknown>): TrackedEvent {
  return {
    userId: String(item[EVENT_KEY.partition]),
    eventId: String(item[EVENT_KEY.sort]),
    eventType: String(item.EventType),
    timestampMs: Number(item.Timestamp),
    receivedAtMs: Number(item.ReceivedAt),
    sessionId: text(item.SessionId) ?? String(item[EVENT_KEY.partition]),
    itemId: text(item.ItemId),
    recommendationId: text(item.RecommendationId),
    eventValue: number(item.EventValue),
    properties: text(item.Properties),
    testName: text(item.TestName),
    variant: text(item.Variant),
  };
}
