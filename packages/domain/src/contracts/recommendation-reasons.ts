import * as z from "zod/mini";

/**
 * Why an item is in a response: `code` for grouping (dashboards, tests), `text` for people.
 * Declared once; the recommendations handler, the OpenAPI document and the local platform use it.
 */
export const REASON_CODES = [
  "similar_to_interacted",
  "popular_in_category",
  "trending",
  "recent_activity",
  "exploration",
  "fallback",
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

const text = z.string().check(z.minLength(1));

export const recommendationReasonSchema = z.discriminatedUnion("code", [
  /** `item_id`: the item the user interacted with (or is looking at) that this one is similar to. */
  z.object({ code: z.literal("similar_to_interacted"), item_id: z.string(), text }),
  z.object({ code: z.literal("popular_in_category"), category: z.string(), text }),
  z.object({ code: z.enum(["trending", "recent_activity", "exploration", "fallback"]), text }),
]);

export type RecommendationReason = z.infer<typeof recommendationReasonSchema>;
