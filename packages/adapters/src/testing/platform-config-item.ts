import {
  PLATFORM_CONFIG_ATTRIBUTES,
  PLATFORM_CONFIG_KEY,
  type PlatformConfig,
  TABLES,
} from "@personalize-ab/domain";

/** The platform config record as the pipeline publishes it, for seeding a local experiments table. */
export function platformConfigItem(config: Partial<PlatformConfig>): Record<string, unknown> {
  return {
    [TABLES.experiments.partitionKey.name]: PLATFORM_CONFIG_KEY,
    [PLATFORM_CONFIG_ATTRIBUTES.popularItems]: config.popularItems ?? [],
    ...(config.trackingId && { [PLATFORM_CONFIG_ATTRIBUTES.trackingId]: config.trackingId }),
    ...(config.filterArns && { [PLATFORM_CONFIG_ATTRIBUTES.filterArns]: config.filterArns }),
  };
}
