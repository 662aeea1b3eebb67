import * as z from "zod/mini";
import { TEST_NAME_PATTERN } from "./contracts/fields";
import { variantFilterSchema } from "./contracts/filter-choice";
import { allocationSchema } from "./experiment-allocation";
import { metricListSchema } from "./experiment-metrics";
import { reportExperimentProblems } from "./experiment-rules";
import { EXPERIMENT_KINDS } from "./interleaving";
import { RECIPE_NAMES } from "./recipes";

// Schemas use zod/mini: it tree-shakes, which keeps Lambda bundles small and cold starts fast.
export const DEFAULT_TEST_NAME = "default_recommendation_test";

export const variantSchema = z.object({
  id: z.string().check(z.regex(/^[A-Za-z0-9_.-]{1,64}$/, "must be 1-64 letters, digits, '_', '.' or '-'")),
  weight: z.number().check(z.positive("must be greater than 0"), z.lte(1, "must be at most 1")),
  recipe: z.enum(RECIPE_NAMES),
  campaignArn: z.optional(z.string().check(z.startsWith("arn:", "must be an ARN"))),
  /** The solution version the campaign serves, published with it; recorded on each exposure. */
  modelVersion: z.optional(z.string().check(z.startsWith("arn:", "must be an ARN"))),
  description: z.string().check(z.maxLength(256)),
  /** A Personalize filter every request served by this variant applies, unless it names its own. */
  filter: z.optional(variantFilterSchema),
});

export const EXPERIMENT_STATUSES = ["draft", "active", "paused", "completed"] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

export const PERIOD_SOURCES = ["created", "manual", "bandit"] as const;
export type PeriodSource = (typeof PERIOD_SOURCES)[number];

const epochMs = z.number().check(z.int("must be whole milliseconds"), z.nonnegative("must be at least 0"));

/** The weights in force from `started_at` until the next period: users enrolled then belong to it. */
export const allocationPeriodSchema = z.object({
  index: z.number().check(z.int("must be a whole number"), z.nonnegative("must be at least 0")),
  started_at: epochMs,
  weights: z.record(
    z.string(),
    z.number().check(z.nonnegative("must be at least 0"), z.lte(1, "must be at most 1")),
  ),
  source: z.enum(PERIOD_SOURCES),
});

/** A span of time the experiment was active: only events received inside one are counted. */
export const activeSpanSchema = z.object({ started_at: epochMs, ended_at: z.optional(epochMs) });

export type AllocationPeriod = z.infer<typeof allocationPeriodSchema>;
export type ActiveSpan = z.infer<typeof activeSpanSchema>;

const experimentFields = z.object({
  name: z.string().check(z.regex(TEST_NAME_PATTERN, "must be 1-128 letters, digits, '_', '.' or '-'")),
  status: z.enum(EXPERIMENT_STATUSES),
  /** A/B split or interleaving (`kindOf` reads an absent kind as "ab"). */
  kind: z.optional(z.enum(EXPERIMENT_KINDS)),
  /** The variant everyone is served once the experiment is completed. */
  winner: z.optional(z.string()),
  /** +1 on every write; every write is conditional on it. Records written before versioning read as 0. */
  version: z._default(
    z.number().check(z.int("must be a whole number"), z.nonnegative("must be at least 0")),
    0,
  ),
  variants: z.array(variantSchema).check(z.minLength(1, "needs at least one variant")),
  /** What the experiment is analysed on; `metricsOf` gives the defaults when absent. */
  metrics: z.optional(metricListSchema),
  /** How traffic is split; fixed weights when absent. */
  allocation: z.optional(allocationSchema),
  periods: z.optional(z.array(allocationPeriodSchema).check(z.minLength(1, "needs at least one period"))),
  active_spans: z.optional(z.array(activeSpanSchema)),
});

type ExperimentFields = z.output<typeof experimentFields>;

/** The variants' weights as one map, in declared order. */
export function weightsOf(variants: readonly Variant[]): Record<string, number> {
  return Object.fromEntries(variants.map((variant) => [variant.id, variant.weight]));
}

/**
 * Records written before the lifecycle existed have no periods and no active spans: one period 0
 * from the variants' weights, and an active record counts as active from the beginning.
 */
function withLifecycleDefaults(fields: ExperimentFields) {
  return {
    ...fields,
    periods: fields.periods ?? [
      { index: 0, started_at: 0, weights: weightsOf(fields.variants), source: "created" as const },
    ],
    active_spans: fields.active_spans ?? (fields.status === "active" ? [{ started_at: 0 }] : []),
  };
}

/** The record as the admin API answers it: every lifecycle field present (documentation and clients). */
export const experimentRecordSchema = z.object({
  ...experimentFields.shape,
  version: z.number().check(z.int(), z.nonnegative()),
  periods: z.array(allocationPeriodSchema),
  active_spans: z.array(activeSpanSchema),
});

export const experimentSchema = z
  .pipe(experimentFields, z.transform(withLifecycleDefaults))
  .check(
    z.superRefine((experiment, ctx) => reportExperimentProblems(experiment, (issue) => ctx.addIssue(issue))),
  );

export type Variant = z.infer<typeof variantSchema>;
export type Experiment = z.output<typeof experimentSchema>;
/** An experiment record as a client or a stored item gives it: version, periods and spans may be absent. */
export type ExperimentInput = z.input<typeof experimentSchema>;

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
 * Metrics, Allocation, Periods and ActiveSpans, when present, as the record's fields are.
 */
export const EXPERIMENT_ATTRIBUTES = {
  status: "Status",
  kind: "Kind",
  winner: "Winner",
  version: "Version",
  variants: "Variants",
  metrics: "Metrics",
  allocation: "Allocation",
  periods: "Periods",
  activeSpans: "ActiveSpans",
} as const;
