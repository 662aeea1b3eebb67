import * as z from "zod/mini";
import { TEST_NAME_PATTERN } from "./contracts/fields";
import { metricListSchema } from "./experiment-metrics";
import { RECIPE_NAMES } from "./recipes";

// Schemas use zod/mini: it tree-shakes, which keeps Lambda bundles small and cold starts fast.
export const DEFAULT_TEST_NAME = "default_recommendation_test";
const WEIGHT_TOLERANCE = 1e-9;

export const variantSchema = z.object({
  id: z.string().check(z.regex(/^[A-Za-z0-9_.-]{1,64}$/, "must be 1-64 letters, digits, '_', '.' or '-'")),
  weight: z.number().check(z.positive("must be greater than 0"), z.lte(1, "must be at most 1")),
  recipe: z.enum(RECIPE_NAMES),
  campaignArn: z.optional(z.string().check(z.startsWith("arn:", "must be an ARN"))),
  /** The solution version the campaign serves, published with it; recorded on each exposure. */
  modelVersion: z.optional(z.string().check(z.startsWith("arn:", "must be an ARN"))),
  description: z.string().check(z.maxLength(256)),
});

export const experimentSchema = z
  .object({
    name: z.string().check(z.regex(TEST_NAME_PATTERN, "must be 1-128 letters, digits, '_', '.' or '-'")),
    status: z.enum(["active", "paused", "completed"]),
    variants: z.array(variantSchema).check(z.minLength(1, "needs at least one variant")),
    /** What the experiment is analysed on; `metricsOf` gives the defaults when absent. */
    metrics: z.optional(metricListSchema),
  })
  .check(
    z.superRefine((experiment, ctx) => {
      const total = experiment.variants.reduce((sum, variant) => sum + variant.weight, 0);
      if (Math.abs(total - 1) > WEIGHT_TOLERANCE) {
        ctx.addIssue({ code: "custom", path: ["variants"], message: `weights must sum to 1 (got ${total})` });
      }
      const seen = new Set<string>();
      experiment.variants.forEach((variant, index) => {
        if (seen.has(variant.id)) {
          ctx.addIssue({
            code: "custom",
            path: ["variants", index, "id"],
            message: `duplicate variant id ${variant.id}`,
          });
        }
        seen.add(variant.id);
      });
    }),
  );

export type Variant = z.infer<typeof variantSchema>;
export type Experiment = z.infer<typeof experimentSchema>;

/** The recipe's `default_recommendation_test`, variant for variant. */
export const DEFAULT_EXPERIMENT: Experiment = experimentSchema.parse({
  name: DEFAULT_TEST_NAME,
  status: "active",
  variants: [
    {
      id: "variant_a",
      weight: 0.33,
      recipe: "aws-user-personalization",
      description: "User-Personalization Algorithm",
    },
    { id: "variant_b", weight: 0.33, recipe: "aws-sims", description: "Item-to-Item Similarity Algorithm" },
    {
      id: "variant_c",
      weight: 0.34,
      recipe: "aws-popularity-count",
      description: "Popularity-Based Algorithm",
    },
  ],
});

export function findVariant(experiment: Experiment, variantId: string): Variant | undefined {
  return experiment.variants.find((variant) => variant.id === variantId);
}

/**
 * Attribute names of an experiment record in the experiments table (keyed by TestName). Variants
 * are stored as a list of maps with the Variant fields (id, weight, recipe, campaignArn, description);
 * Metrics, when present, as a list of maps with the MetricDefinition fields.
 */
export const EXPERIMENT_ATTRIBUTES = { status: "Status", variants: "Variants", metrics: "Metrics" } as const;
