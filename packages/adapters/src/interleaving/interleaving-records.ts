import { type DynamoDBDocumentClient, paginateScan } from "@aws-sdk/lib-dynamodb";
import {
  EXPOSURE_EVENT_TYPE,
  INTERLEAVED_RECOMMENDATION_PREFIX,
  INTERLEAVED_VARIANT,
  type InterleavedImpression,
  type ListedItemEvent,
} from "@personalize-ab/domain";
import { EVENT_KEY } from "../dynamodb/event-records";
import { INTERLEAVING_ATTRIBUTES } from "../dynamodb/exposure-log";

export interface InterleavingRecords {
  readonly impressions: InterleavedImpression[];
  readonly events: ListedItemEvent[];
}

const SCAN_SEGMENTS = 4;
// Items read per page: a full 1 MB page of a large table can outlast a request's time budget.
const SCAN_PAGE_ITEMS = 250;

const NAMES = {
  "#user": EVENT_KEY.partition,
  "#type": "EventType",
  "#test": "TestName",
  "#variant": "Variant",
  "#rec": "RecommendationId",
  "#item": "ItemId",
  "#received": "ReceivedAt",
  "#items": "Items",
  "#teams": INTERLEAVING_ATTRIBUTES.teams,
  "#failed": INTERLEAVING_ATTRIBUTES.failed,
};

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** An interleaved exposure of an events table item, with the test that served it; else undefined. */
export function interleavedExposureOf(
  item: Record<string, unknown>,
): (InterleavedImpression & { readonly testName: string }) | undefined {
  // A paused or completed experiment's lists are not interleaved and say nothing about the pairs.
  if (item.EventType !== EXPOSURE_EVENT_TYPE || item.Variant !== INTERLEAVED_VARIANT) return undefined;
  const failed = Array.isArray(item[INTERLEAVING_ATTRIBUTES.failed])
    ? (item[INTERLEAVING_ATTRIBUTES.failed] as { variant?: unknown }[]).map((entry) => String(entry.variant))
    : [];
  return {
    testName: String(item.TestName),
    userId: String(item[EVENT_KEY.partition]),
    recommendationId: String(item.RecommendationId),
    itemIds: strings(item.Items),
    teams: strings(item[INTERLEAVING_ATTRIBUTES.teams]),
    failed,
  };
}

/**
 * An events table item that may click an item of an interleaved list (it names an interleaved
 * recommendation id and an item), else undefined. Whether it counts is the credit rules' call.
 */
export function listedItemEventOf(item: Record<string, unknown>): ListedItemEvent | undefined {
  const recommendationId = item.RecommendationId;
  if (item.EventType === EXPOSURE_EVENT_TYPE || typeof item.ItemId !== "string") return undefined;
  if (
    typeof recommendationId !== "string" ||
    !recommendationId.startsWith(INTERLEAVED_RECOMMENDATION_PREFIX)
  ) {
    return undefined;
  }
  return {
    userId: String(item[EVENT_KEY.partition]),
    recommendationId,
    itemId: item.ItemId,
    eventType: String(item.EventType),
    receivedAtMs: Number(item.ReceivedAt),
  };
}

function recordOf(item: Record<string, unknown>, testName: string, into: InterleavingRecords): void {
  const exposure = interleavedExposureOf(item);
  // Exposures of other interleaving experiments share the id prefix.
  if (exposure) {
    if (exposure.testName === testName) into.impressions.push(exposure);
    return;
  }
  const event = listedItemEventOf(item);
  if (event) into.events.push(event);
}

/**
 * An interleaving experiment's raw records: its exposures, and every event that names an
 * interleaved recommendation id (each stored once, so nothing here counts twice). A parallel
 * Scan of the events table: its cost grows with the whole table, not with the experiment, so
 * only the offline reconciliation (and the bench's baseline) read it; the results read the counters.
 */
export async function readInterleavingRecords(
  documents: DynamoDBDocumentClient,
  eventsTable: string,
  testName: string,
): Promise<InterleavingRecords> {
  const records: InterleavingRecords = { impressions: [], events: [] };
  await Promise.all(
    Array.from({ length: SCAN_SEGMENTS }, async (_, segment) => {
      const pages = paginateScan(
        { client: documents },
        {
          TableName: eventsTable,
          Segment: segment,
          TotalSegments: SCAN_SEGMENTS,
          ConsistentRead: true,
          Limit: SCAN_PAGE_ITEMS,
          FilterExpression:
            "(#type = :served AND #test = :test AND #variant = :interleaved) OR begins_with(#rec, :prefix)",
          ProjectionExpression: Object.keys(NAMES).join(", "),
          ExpressionAttributeNames: NAMES,
          ExpressionAttributeValues: {
            ":served": EXPOSURE_EVENT_TYPE,
            ":test": testName,
            ":interleaved": INTERLEAVED_VARIANT,
            ":prefix": INTERLEAVED_RECOMMENDATION_PREFIX,
          },
        },
      );
      for await (const page of pages) for (const item of page.Items ?? []) recordOf(item, testName, records);
    }),
  );
  return records;
}
