import {
  type CountedRecord,
  EXPOSURE_EVENT_TYPE,
  type ExposureFacts,
  linkToExposure,
  type RecommendationSource,
} from "@personalize-ab/domain";
import { EVENT_KEY } from "../dynamodb/event-records";
import { exposureEventId } from "../dynamodb/exposure-log";

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

/** The facts of an exposure item of the events table, or undefined when the item is not one. */
export function exposureFactsOf(item: Record<string, unknown>): ExposureFacts | undefined {
  if (item.EventType !== EXPOSURE_EVENT_TYPE) return undefined;
  const items = Array.isArray(item.Items) ? item.Items : item.Items instanceof Set ? [...item.Items] : [];
  return {
    testName: String(item.TestName),
    variant: String(item.Variant),
    source: (text(item.Source) ?? "personalize") as RecommendationSource,
    itemIds: items.map(String),
  };
}

/** The exposure an event item's recommendation_id names: its key in the same user's partition. */
export function linkedExposureKey(item: Record<string, unknown>): Record<string, string> | undefined {
  const recommendationId = text(item.RecommendationId);
  if (item.EventType === EXPOSURE_EVENT_TYPE || recommendationId === undefined) return undefined;
  return {
    [EVENT_KEY.partition]: String(item[EVENT_KEY.partition]),
    [EVENT_KEY.sort]: exposureEventId(recommendationId),
  };
}

/**
 * An events table item as the counters count it. Its time is the server's receive time when the
 * item has one (a client's own timestamp must not move it across the enrollment boundary).
 */
export function countedRecordOf(
  item: Record<string, unknown>,
  linkedExposure: ExposureFacts | undefined,
): CountedRecord {
  const receivedAt = item.ReceivedAt;
  return {
    eventType: String(item.EventType),
    atMs: Number(typeof receivedAt === "number" ? receivedAt : item.Timestamp),
    eventValue: typeof item.EventValue === "number" ? item.EventValue : undefined,
    exposure: exposureFactsOf(item),
    linked: linkedExposure && linkToExposure(linkedExposure, text(item.ItemId)),
  };
}
