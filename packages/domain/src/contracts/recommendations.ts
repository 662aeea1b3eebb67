import * as z from "zod/mini";
import { servedStatusSchema } from "./assignments";
import { itemIdField, testNameField, userIdField } from "./fields";
import { checkFilterChoice, filterNameField, filterValuesField } from "./filter-choice";
import { recommendationReasonSchema } from "./recommendation-reasons";

export const MAX_NUM_RESULTS = 500;
export const DEFAULT_NUM_RESULTS = 10;
export const MAX_CONTEXT_ENTRIES = 150;

/** How many items a list holds: 1-500, 10 when omitted. */
export const numResultsField = z._default(
  z
    .number({ error: "must be a number" })
    .check(
      z.int("must be a whole number"),
      z.gte(1, "must be at least 1"),
      z.lte(MAX_NUM_RESULTS, `must be at most ${MAX_NUM_RESULTS}`),
    ),
  DEFAULT_NUM_RESULTS,
);

/** POST /recommendations — the recipe's payload plus the test, item, context and filter it serves. */
export const recommendationRequestSchema = z
  .object({
    user_id: userIdField,
    num_results: numResultsField,
    test_name: z.optional(testNameField),
    item_id: z.optional(itemIdField),
    context: z.optional(
      z
        .record(
          z.string().check(z.minLength(1), z.maxLength(150)),
          z.string({ error: "values must be strings" }).check(z.maxLength(1000)),
          { error: "must be an object of string values" },
        )
        .check(
          z.refine((context) => Object.keys(context).length <= MAX_CONTEXT_ENTRIES, {
            message: `must have at most ${MAX_CONTEXT_ENTRIES} entries`,
          }),
        ),
    ),
    /** A Personalize filter the platform declares (`PERSONALIZE_FILTERS`). */
    filter: z.optional(filterNameField),
    /** The filter's `$PARAMETER` values, by parameter name. */
    filter_values: z.optional(filterValuesField),
  })
  .check(z.superRefine(checkFilterChoice("filter", "filter_values")));

export const recommendationSourceSchema = z.enum(["personalize", "fallback"]);

export const recommendedItemSchema = z.object({
  item_id: z.string(),
  score: z.nullable(z.number()),
  category: z.nullable(z.string()),
  price: z.nullable(z.number()),
  brand: z.nullable(z.string()),
  /** Why this item: every item of every response has one. */
  reason: recommendationReasonSchema,
});

/** How an interleaved list was drawn: the variant behind each item, and the variants that failed. */
export const interleavingSummarySchema = z.object({
  variants: z.array(z.string()),
  contributed_by: z.array(z.string()),
  failed: z.array(z.object({ variant: z.string(), reason: z.string() })),
});

export const recommendationResponseSchema = z.object({
  user_id: z.string(),
  test_name: z.string(),
  variant: z.string(),
  status: servedStatusSchema,
  algorithm: z.string(),
  recommendation_id: z.string(),
  recommendations: z.array(recommendedItemSchema),
  source: recommendationSourceSchema,
  timestamp: z.string(),
  /** Present when `variant` is "interleaved". */
  interleaving: z.optional(interleavingSummarySchema),
});

export type RecommendationRequest = z.infer<typeof recommendationRequestSchema>;
export type RecommendationSource = z.infer<typeof recommendationSourceSchema>;
export type RecommendedItem = z.infer<typeof recommendedItemSchema>;
export type InterleavingSummary = z.infer<typeof interleavingSummarySchema>;
export type RecommendationResponse = z.infer<typeof recommendationResponseSchema>;
