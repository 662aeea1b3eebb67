import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { eventItem } from "@personalize-ab/adapters";
import { batchWriteAll, type Interaction } from "@personalize-ab/sample-data";

/** How many of each user's latest sample interactions the events table starts with. */
export const RECENT_EVENTS_PER_USER = 3;

/**
 * Each user's latest interactions, as the event tracker would have stored them. In AWS the events
 * table fills up from live traffic; locally it starts with this recent history, so that SIMS has
 * a last-interacted item to seed from. The ids are derived from the interaction, so loading twice
 * writes the same records.
 */
export function recentHistoryItems(interactions: readonly Interaction[], perUser = RECENT_EVENTS_PER_USER) {
  const latest = new Map<string, Interaction[]>();
  for (const interaction of interactions) {
    const events = latest.get(interaction.userId) ?? [];
    events.push(interaction);
    if (events.length > perUser) events.shift();
    latest.set(interaction.userId, events);
  }
  return [...latest.values()].flat().map((interaction) =>
    eventItem({
      userId: interaction.userId,
      eventId: `sample-${interaction.timestamp}-${interaction.itemId}-${interaction.eventType}`,
      eventType: interaction.eventType,
      timestampMs: interaction.timestamp * 1000,
      receivedAtMs: interaction.timestamp * 1000,
      sessionId: interaction.userId,
      itemId: interaction.itemId,
      eventValue: interaction.eventValue,
    }),
  );
}

export async function loadRecentHistory(
  documents: DynamoDBDocumentClient,
  eventsTable: string,
  interactions: readonly Interaction[],
): Promise<number> {
  const items = recentHistoryItems(interactions);
  await batchWriteAll(documents, eventsTable, items, { concurrency: 8 });
  return items.length;
}
