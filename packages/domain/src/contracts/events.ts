import { z } from "zod";
import { boundedString, itemIdField, sessionIdField, userIdField } from "./fields";

export const MAX_PROPERTIES_JSON_LENGTH = 1024;

/** POST /events — the recipe's payload; the optional fields carry what Personalize PutEvents takes. */
export const eventRequestSchema = z.object({
  user_id: userIdField,
  event_type: boundedString(256),
  item_id: itemIdField.optional(),
  session_id: sessionIdField.optional(),
  recommendation_id: boundedString(40).optional(),
  event_value: z.number({ error: "must be a number" }).finite("must be finite").optional(),
  properties: z
    .record(z.string(), z.unknown(), { error: "must be an object" })
    .refine((properties) => JSON.stringify(properties).length <= MAX_PROPERTIES_JSON_LENGTH, {
      message: `must serialize to at most ${MAX_PROPERTIES_JSON_LENGTH} characters of JSON`,
    })
    .optional(),
  event_id: z
    .string({ error: "must be a string" })
    .regex(/^[A-Za-z0-9_.:-]{1,128}$/, "must be 1-128 letters, digits, '_', '.', ':' or '-'")
    .optional(),
  // When the event happened, in epoch seconds as the recipe's TIMESTAMP column; defaults to receipt time.
  timestamp: z
    .number({ error: "must be a number of epoch seconds" })
    .positive("must be positive epoch seconds")
    .max(1e11, "must be epoch seconds, not milliseconds")
    .optional(),
});

export const eventResponseSchema = z.object({
  event_id: z.string(),
  duplicate: z.boolean(),
  forwarded: z.boolean(),
});

export type EventRequest = z.infer<typeof eventRequestSchema>;
export type EventResponse = z.infer<typeof eventResponseSchema>;
