import { z } from "zod";
import { personalizeId } from "./personalize-fields";

/** `properties` is a JSON object serialised as a string of at most 1024 characters. */
const properties = z
  .string({ error: "must be a JSON string" })
  .max(1024, "must be at most 1024 characters")
  .refine((text) => {
    try {
      const parsed: unknown = JSON.parse(text);
      return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed);
    } catch {
      return false;
    }
  }, "must be a JSON object");

const event = z.object({
  eventId: personalizeId(256).optional(),
  eventType: personalizeId(256),
  eventValue: z.number({ error: "must be a number" }).optional(),
  itemId: personalizeId(256).optional(),
  properties: properties.optional(),
  // The SDK serialises a Date as epoch seconds, with a fraction.
  sentAt: z.number({ error: "must be a timestamp in epoch seconds" }).nonnegative("must not be negative"),
  recommendationId: personalizeId(40).optional(),
  impression: z
    .array(personalizeId(256))
    .min(1, "must not be empty")
    .max(25, "must have at most 25 items")
    .optional(),
});

/** PutEvents: the body the SDK's PutEventsCommand sends to POST /events. */
export const putEventsRequest = z.object(
  {
    trackingId: personalizeId(256),
    userId: personalizeId(256).optional(),
    sessionId: personalizeId(256),
    eventList: z
      .array(event, { error: "must be a list of events" })
      .min(1, "must have 1 to 10 events")
      .max(10, "must have 1 to 10 events"),
  },
  { error: "must be a JSON object" },
);

export type PutEventsRequest = z.infer<typeof putEventsRequest>;
