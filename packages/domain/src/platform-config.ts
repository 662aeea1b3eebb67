import * as z from "zod/mini";
import { itemIdField } from "./contracts/fields";
import { FILTER_NAMES } from "./personalize-filters";

export const MAX_POPULAR_ITEMS = 500;

/**
 * Platform-wide runtime config, stored in the experiments table under PLATFORM_CONFIG_KEY:
 * the event tracker's tracking id and the precomputed popular items the serving fallback uses.
 * Written by the sample-data loader and the training pipeline; read (cached) by the Lambdas.
 */
export const platformConfigSchema = z.object({
  trackingId: z.optional(z.string().check(z.minLength(1))),
  popularItems: z._default(z.array(itemIdField).check(z.maxLength(MAX_POPULAR_ITEMS)), []),
  updatedAt: z.optional(z.string()),
  /** The ARN of each declared Personalize filter the pipeline created (the local platform's, locally). */
  filterArns: z._default(
    z.partialRecord(z.enum(FILTER_NAMES), z.string().check(z.startsWith("arn:", "must be an ARN"))),
    {},
  ),
});

export type PlatformConfig = z.infer<typeof platformConfigSchema>;

/** Attribute names of the platform config record in the experiments table; every writer and reader uses these. */
export const PLATFORM_CONFIG_ATTRIBUTES = {
  trackingId: "TrackingId",
  popularItems: "PopularItems",
  updatedAt: "UpdatedAt",
  filterArns: "FilterArns",
} as const satisfies Record<keyof PlatformConfig, string>;

/**
 * What the training pipeline last published, in the platform config record: per trained strategy
 * the campaign and its solution version (the baseline the next run's metrics gate compares
 * against), and a revision that makes each publish a conditional write.
 */
export const DEPLOYED_MODELS_ATTRIBUTES = {
  models: "Models",
  revision: "ModelsRevision",
} as const;

export const deployedModelSchema = z.object({
  campaignArn: z.string().check(z.startsWith("arn:", "must be an ARN")),
  solutionVersionArn: z.string().check(z.startsWith("arn:", "must be an ARN")),
});

export type DeployedModel = z.infer<typeof deployedModelSchema>;
