import { EXPOSURE_EVENT_TYPE } from "@personalize-ab/adapters";
import { csvColumns, type DatasetColumn } from "@personalize-ab/domain";
import { stringify } from "csv-stringify/sync";

/** The attributes of an events-table record that the interactions dataset needs. */
export interface StoredEvent {
  readonly UserId?: unknown;
  readonly ItemId?: unknown;
  readonly EventType?: unknown;
  /** Epoch milliseconds. */
  readonly Timestamp?: unknown;
  readonly EventValue?: unknown;
}

/** Event types that are not user interactions: what we served is not what the user did. */
export const NON_INTERACTION_EVENT_TYPES = [EXPOSURE_EVENT_TYPE] as const;

export const STORED_EVENT_ATTRIBUTES = ["UserId", "ItemId", "EventType", "Timestamp", "EventValue"] as const;

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value.length > 0 ? value : undefined;
const finite = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) ? value : undefined;

/**
 * One cell per column of the domain's interactions schema; a column added there fails to compile
 * here until it is mapped. `undefined` for a required column marks the event as unusable.
 */
const CELLS: Record<DatasetColumn<"interactions">, (event: StoredEvent) => string | undefined> = {
  USER_ID: (event) => text(event.UserId),
  ITEM_ID: (event) => text(event.ItemId),
  EVENT_TYPE: (event) => text(event.EventType),
  // Personalize wants epoch seconds; the table stores milliseconds.
  TIMESTAMP: (event) => {
    const ms = finite(event.Timestamp);
    return ms === undefined ? undefined : String(Math.floor(ms / 1000));
  },
  // Nullable column: an empty cell is Avro null.
  EVENT_VALUE: (event) => String(finite(event.EventValue) ?? ""),
};

export const INTERACTION_COLUMNS = csvColumns("interactions");

/** One RFC 4180 line, '\n'-terminated, as Personalize imports it. */
export function csvLine(cells: readonly string[]): string {
  return stringify([cells]);
}

export const INTERACTIONS_HEADER = csvLine(INTERACTION_COLUMNS);

/** The CSV line of an interaction event, or undefined when the event is not a usable interaction. */
export function interactionLine(event: StoredEvent): string | undefined {
  if ((NON_INTERACTION_EVENT_TYPES as readonly unknown[]).includes(event.EventType)) return undefined;
  const cells: string[] = [];
  for (const column of INTERACTION_COLUMNS) {
    const cell = CELLS[column](event);
    if (cell === undefined) return undefined;
    cells.push(cell);
  }
  return csvLine(cells);
}
