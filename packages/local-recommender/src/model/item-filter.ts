import { type FilterSubject, keepByFilter, type ResolvedFilter } from "@personalize-ab/domain";
import type { HistoryEvent } from "./user-histories";

/** Whether an item (by position) passes the filter for the user with this history. */
export function keepForUser(
  filter: ResolvedFilter,
  history: readonly HistoryEvent[],
  fieldsOf: FilterSubject<number>["fieldsOf"],
): (item: number) => boolean {
  return keepByFilter(filter, {
    itemsWithEventTypes: (eventTypes) =>
      new Set(history.filter((event) => eventTypes.has(event.eventType)).map((event) => event.item)),
    fieldsOf,
  });
}
