import { z } from "zod";
import { itemIdField } from "./contracts/fields";

export const MAX_POPULAR_ITEMS = 500;

/**
 * Platform-wide runtime config, stored in the experiments table under PLATFORM_CONFIG_KEY:
 * the event tracker's tracking id and the precomputed popular items the serving fallback uses.
 * Written by the sample-data loader and the training pipeline; read (cached) by the Lambdas.
 */
export const platformConfigSchema = z.object({
  trackingId: z.string().min(1).optional(),
  popularItems: z.array(itemIdField).max(MAX_POPULAR_ITEMS).default([]),
  updatedAt: z.string().optional(),
});

export type PlatformConfig = z.infer<typeof platformConfigSchema>;

/** Attribute names of the platform config record in the experiments table; every writer and reader uses these. */
export const PLATFORM_CONFIG_ATTRIBUTES = {
  trackingId: "TrackingId",
  popularItems: "PopularItems",
  updatedAt: "UpdatedAt",
} as const satisfies Record<keyof PlatformConfig, string>;
