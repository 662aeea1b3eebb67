import * as z from "zod/mini";
import { RECIPE_NAMES } from "../recipes";
import { testNameField, userIdField } from "./fields";

/** POST /assignments — the recipe's router payload. */
export const assignmentRequestSchema = z.object({
  user_id: userIdField,
  test_name: z.optional(testNameField),
});

/**
 * The experiment's status as a serving answer gives it: `active` (enrolled, measured), `paused`
 * (everyone gets the control, nothing recorded) or `completed` (everyone gets the winner).
 */
export const servedStatusSchema = z.enum(["active", "paused", "completed"]);

export const modelConfigSchema = z.object({
  recipe: z.enum(RECIPE_NAMES),
  campaign_arn: z.nullable(z.string()),
  description: z.string(),
});

export const assignmentResponseSchema = z.object({
  user_id: z.string(),
  test_name: z.string(),
  variant: z.string(),
  status: servedStatusSchema,
  model_config: modelConfigSchema,
});

export type AssignmentRequest = z.infer<typeof assignmentRequestSchema>;
export type ModelConfig = z.infer<typeof modelConfigSchema>;
export type ServedStatus = z.infer<typeof servedStatusSchema>;
export type AssignmentResponse = z.infer<typeof assignmentResponseSchema>;
