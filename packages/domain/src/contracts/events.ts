import * as z from "zod/mini";
import { boundedString, itemIdField, sessionIdField, userIdField } from "./fields";
import { nestsDeeperThan } from "./json-depth";

export const MAX_PROPERTIES_JSON_LENGTH = 1024;
/** How deep `properties` may nest; Personalize reads flat properties, a little depth is slack. */
export const MAX_PROPERTIES_DEPTH = 8;

/** The event type of an exposure record; written by /recommendations alone, so clients may not send it. */
export const EXPOSURE_EVENT_TYPE = "recommendation_served";

/**
 * The window an event's `timestamp` must fall in: not before 2000-01-01T00:00:00Z (older is a
 * unit or clock error, e.g. 0 or 1970) and not more than 24 hours after receipt (client clocks
 * drift, but an event from next year would skew every time-based split).
 */
export const EARLIEST_EVENT_TIMESTAMP_SECONDS = 946_684_800;
export const MAX_EVENT_TIMESTAMP_LEAD_SECONDS = 24 * 60 * 60;

/** The form a type is compared in: `Recommendation_Served` and ` recommendation_served` are the reserved type. */
export function normalizedEventType(eventType: string): string {
  return eventType.normalize("NFKC").trim().toLowerCase();
}

// DynamoDB numbers reach down to 1e-130 in magnitude, and the SDK marshals a JS number only within
// the safe-integer range: any other finite event_value could not be stored.
const SMALLEST_STORABLE_MAGNITUDE = 1e-130;

/** POST /events — the recipe's payload; the optional fields carry what Personalize PutEvents takes. */
export const eventRequestSchema = z.object({
  user_id: userIdField,
  event_type: boundedString(256).check(
    z.refine((type) => normalizedEventType(type) !== EXPOSURE_EVENT_TYPE, {
      message: `${EXPOSURE_EVENT_TYPE} is reserved (in any case or spacing)`,
      abort: true,
    }),
  ),
  item_id: z.optional(itemIdField),
  session_id: z.optional(sessionIdField),
  recommendation_id: z.optional(boundedString(40)),
  event_value: z.optional(
    z.number({ error: "must be a number" }).check(
      z.refine(Number.isFinite, "must be finite"),
      z.gte(Number.MIN_SAFE_INTEGER, `must be at least ${Number.MIN_SAFE_INTEGER}`),
      z.lte(Number.MAX_SAFE_INTEGER, `must be at most ${Number.MAX_SAFE_INTEGER}`),
      z.refine(
        (value) => value === 0 || Math.abs(value) >= SMALLEST_STORABLE_MAGNITUDE,
        "must be 0 or at least 1e-130 in magnitude",
      ),
    ),
  ),
  properties: z.optional(
    z.record(z.string(), z.unknown(), { error: "must be an object" }).check(
      // Depth first, and stop there: JSON.stringify below recurses.
      z.refine((properties) => !nestsDeeperThan(properties, MAX_PROPERTIES_DEPTH), {
        message: `must nest at most ${MAX_PROPERTIES_DEPTH} levels`,
        abort: true,
      }),
      z.refine((properties) => JSON.stringify(properties).length <= MAX_PROPERTIES_JSON_LENGTH, {
        message: `must serialize to at most ${MAX_PROPERTIES_JSON_LENGTH} characters of JSON`,
      }),
    ),
  ),
  event_id: z.optional(
    z
      .string({ error: "must be a string" })
      .check(z.regex(/^[A-Za-z0-9_.:-]{1,128}$/, "must be 1-128 letters, digits, '_', '.', ':' or '-'")),
  ),
  // When the event happened, in epoch seconds as the recipe's TIMESTAMP column; defaults to receipt time.
  timestamp: z.optional(
    z.number({ error: "must be a number of epoch seconds" }).check(
      z.positive({ message: "must be positive epoch seconds", abort: true }),
      z.lte(1e11, { message: "must be epoch seconds, not milliseconds", abort: true }),
      z.gte(EARLIEST_EVENT_TIMESTAMP_SECONDS, {
        message: "must be no earlier than 2000-01-01T00:00:00Z",
        abort: true,
      }),
      z.refine((seconds) => seconds <= Date.now() / 1000 + MAX_EVENT_TIMESTAMP_LEAD_SECONDS, {
        message: "must be at most 24 hours after now",
        abort: true,
      }),
    ),
  ),
});

export const eventResponseSchema = z.object({
  event_id: z.string(),
  duplicate: z.boolean(),
  forwarded: z.boolean(),
});

export type EventRequest = z.infer<typeof eventRequestSchema>;
export type EventResponse = z.infer<typeof eventResponseSchema>;
