import { z } from "zod";
import { itemIdField, testNameField, userIdField } from "./fields";

export const MAX_NUM_RESULTS = 500;
export const DEFAULT_NUM_RESULTS = 10;
export const MAX_CONTEXT_ENTRIES = 150;

/** POST /recommendations — the recipe's payload plus the test, item and context it serves. */
export const recommendationRequestSchema = z.object({
  user_id: userIdField,
  num_results: z
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(MAX_NUM_RESULTS, `must be at most ${MAX_NUM_RESULTS}`)
    .default(DEFAULT_NUM_RESULTS),
  test_name: testNameField.optional(),
  item_id: itemIdField.optional(),
  context: z
    .record(z.string().min(1).max(150), z.string({ error: "values must be strings" }).max(1000), {
      error: "must be an object of string values",
    })
    .refine((context) => Object.keys(context).length <= MAX_CONTEXT_ENTRIES, {
      message: `must have at most ${MAX_CONTEXT_ENTRIES} entries`,
    })
    .optional(),
});

export const recommendationSourceSchema = z.enum(["personalize", "fallback"]);

export const recommendedItemSchema = z.object({
  item_id: z.string(),
  score: z.number().nullable(),
  category: z.string().nullable(),
  price: z.number().nullable(),
  brand: z.string().nullable(),
});

export const recommendationResponseSchema = z.object({
  user_id: z.string(),
  test_name: z.string(),
  variant: z.string(),
  algorithm: z.string(),
  recommendation_id: z.string(),
  recommendations: z.array(recommendedItemSchema),
  source: recommendationSourceSchema,
  timestamp: z.string(),
});

export type RecommendationRequest = z.infer<typeof recommendationRequestSchema>;
export type RecommendationSource = z.infer<typeof recommendationSourceSchema>;
export type RecommendedItem = z.infer<typeof recommendedItemSchema>;
export type RecommendationResponse = z.infer<typeof recommendationResponseSchema>;
