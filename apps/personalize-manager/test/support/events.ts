import { BatchWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

export interface GeneratedEvent {
  readonly UserId: string;
  readonly EventId: string;
  readonly Timestamp: number;
  readonly EventType: string;
  readonly ItemId?: string;
  readonly EventValue?: number;
  readonly Items?: string[];
}

const INTERACTION_TYPES = ["view", "click", "add_to_cart", "purchase"] as const;
const BASE_MS = Date.UTC(2026, 0, 1);

/**
 * Deterministic events: mostly interactions, every 10th an exposure (what was served, no ItemId),
 * every 25th an item-less page view. Ids are long so that 50,000 events make a multi-part CSV.
 */
export function generateEvent(index: number): GeneratedEvent {
  const user = `user-${String(index % 4999).padStart(6, "0")}-${"u".repeat(40)}`;
  const base = {
    UserId: user,
    EventId: `evt-${String(index).padStart(8, "0")}`,
    Timestamp: BASE_MS + index * 1013,
  };
  if (index % 10 === 9) {
    return {
      ...base,
      EventType: "recommendation_served",
      Items: [`item-${index % 700}`, `item-${index % 300}`],
    };
  }
  if (index % 25 === 24) return { ...base, EventType: "page_view" };
  const item = `item-${String((index * 7) % 2003).padStart(5, "0")}-${"i".repeat(40)}`;
  const type = INTERACTION_TYPES[index % INTERACTION_TYPES.length]!;
  return {
    ...base,
    EventType: type,
    ItemId: item,
    ...(type === "purchase" && { EventValue: (index % 90) + 0.5 }),
  };
}

/** The CSV line the export must write for an event, or undefined for events that are not interactions. */
export function expectedLine(event: GeneratedEvent): string | undefined {
  if (!event.ItemId || event.EventType === "recommendation_served") return undefined;
  return [
    event.UserId,
    event.ItemId,
    event.EventType,
    Math.floor(event.Timestamp / 1000),
    event.EventValue ?? "",
  ].join(",");
}

/** Loads events with BatchWrite, 25 at a time, a few requests in flight, retrying unprocessed items. */
export async function loadEvents(
  dynamo: DynamoDBDocumentClient,
  table: string,
  count: number,
): Promise<void> {
  const batches: GeneratedEvent[][] = [];
  for (let start = 0; start < count; start += 25) {
    batches.push(Array.from({ length: Math.min(25, count - start) }, (_, i) => generateEvent(start + i)));
  }
  const writeBatch = async (batch: GeneratedEvent[]) => {
    let requests = batch.map((event) => ({ PutRequest: { Item: event } }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await dynamo.send(
        new BatchWriteCommand({ RequestItems: { [table]: requests } }),
      );
      requests = (UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  };
  const inFlight = 8;
  for (let next = 0; next < batches.length; next += inFlight) {
    await Promise.all(batches.slice(next, next + inFlight).map(writeBatch));
  }
}
