import * as z from "zod/mini";
import { boundedString, itemIdField, sessionIdField, userIdField } from "./fields";

export const MAX_PROPERTIES_JSON_LENGTH = 1024;

/** POST /events — the recipe's payload; the optional fields carry what Personalize PutEvents takes. */
export const eventRequestSchema = z.object({
  user_id: userIdField,
  event_type: boundedString(256),
  item_id: z.optional(itemIdField),
  session_id: z.optional(sessionIdField),
  recommendation_id: z.optional(boundedString(40)),
  event_value: z.optional(
    z.number({ error: "must be a number" }).check(z.refine(Number.isFinite, "must be finite")),
  ),
  properties: z.optional(
    z.record(z.string(), z.unknown(), { error: "must be an object" }).check(
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
    z
      .number({ error: "must be a number of epoch seconds" })
      .check(
        z.positive("must be positive epoch seconds"),
        z.lte(1e11, "must be epoch seconds, not milliseconds"),
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
