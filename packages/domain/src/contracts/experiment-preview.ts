import * as z from "zod/mini";
import { EXPERIMENT_STATUSES } from "../experiment";
import { itemIdField, userIdField } from "./fields";
import { checkFilterChoice, filterNameField, filterValuesField } from "./filter-choice";
import { numResultsField, recommendationSourceSchema, recommendedItemSchema } from "./recommendations";

/**
 * POST /experiments/{test_name}/preview — what every variant would recommend one user, with the
 * fields of POST /recommendations that shape a list (the test is the path's).
 */
export const experimentPreviewRequestSchema = z
  .object({
    user_id: userIdField,
    num_results: numResultsField,
    item_id: z.optional(itemIdField),
    filter: z.optional(filterNameField),
    filter_values: z.optional(filterValuesField),
  })
  .check(z.superRefine(checkFilterChoice("filter", "filter_values")));

/**
 * How the user's variant is known: `stored`, their assignment; `would_assign`, the sticky hash's
 * choice, which their first request would store (a draft's users: once it is started); `fixed`,
 * the variant a paused (the control) or completed (the winner) experiment serves everyone;
 * `interleaved`, an active interleaving experiment, which serves every user a mix of all variants.
 */
export const previewAssignmentSchema = z.enum(["stored", "would_assign", "fixed", "interleaved"]);

/** A variant's list for the user, as POST /recommendations would serve it to a user of that variant. */
export const previewedVariantSchema = z.object({
  variant: z.string(),
  recipe: z.string(),
  strategy: z.string(),
  algorithm: z.string(),
  /** `fallback`: the popular list stood in, `fallback_reason` says why; `refused`: see `error`. */
  source: z.union([recommendationSourceSchema, z.literal("refused")]),
  fallback_reason: z.optional(z.string()),
  /** Personalize refused the request's filter for this variant's campaign (a 400 on POST /recommendations). */
  error: z.optional(z.object({ code: z.string(), field: z.string(), problem: z.string() })),
  recommendations: z.array(recommendedItemSchema),
});

export const experimentPreviewResponseSchema = z.object({
  test_name: z.string(),
  user_id: z.string(),
  status: z.enum(EXPERIMENT_STATUSES),
  assigned_variant: z.string(),
  assignment: previewAssignmentSchema,
  variants: z.array(previewedVariantSchema),
});

export type ExperimentPreviewRequest = z.infer<typeof experimentPreviewRequestSchema>;
export type PreviewAssignment = z.infer<typeof previewAssignmentSchema>;
export type PreviewedVariant = z.infer<typeof previewedVariantSchema>;
export type ExperimentPreviewResponse = z.infer<typeof experimentPreviewResponseSchema>;
