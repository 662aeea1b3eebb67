import { type DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import {
  DEFAULT_EXPERIMENT,
  DEFAULT_TEST_NAME,
  DEFAULT_VARIANT_CAMPAIGN_ENV,
  type Experiment,
  PLATFORM_CONFIG_ATTRIBUTES,
  PLATFORM_CONFIG_KEY,
  type PlatformConfig,
  platformConfigSchema,
  TABLES,
} from "@personalize-ab/domain";
import { optionalEnv } from "../environment";
import { experimentFromItem, InvalidExperimentConfigError } from "../experiments/experiment-items";
import { logger } from "../powertools";
import { ConfigCache, type ConfigCacheOptions } from "./config-cache";

const PARTITION_KEY = TABLES.experiments.partitionKey.name;
export const DEFAULT_CONFIG_TTL_MS = 60_000;

/** The recipe's default test, with campaign ARNs from the environment as the recipe's router reads them. */
export function defaultExperimentFromEnv(env: NodeJS.ProcessEnv): Experiment {
  return {
    ...DEFAULT_EXPERIMENT,
    variants: DEFAULT_EXPERIMENT.variants.map((variant) => {
      const envVar = DEFAULT_VARIANT_CAMPAIGN_ENV[variant.id];
      const campaignArn = variant.campaignArn ?? (envVar && optionalEnv(envVar, env));
      return campaignArn ? { ...variant, campaignArn } : variant;
    }),
  };
}

/**
 * Experiments and the platform config record, read from the experiments table and cached in
 * memory for a short TTL. The default experiment applies while the table holds no record for it.
 */
export class ExperimentConfigSource {
  private readonly cache: ConfigCache<Record<string, unknown>>;
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: Partial<ConfigCacheOptions> & { env?: NodeJS.ProcessEnv } = {},
  ) {
    this.cache = new ConfigCache((key) => this.read(key), {
      onStale: (key, error) =>
        logger.warn("config refresh failed; serving the last good record", { key, error }),
      ...options,
      ttlMs: options.ttlMs ?? DEFAULT_CONFIG_TTL_MS,
    });
    this.env = options.env ?? process.env;
  }

  private async read(key: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: { [PARTITION_KEY]: key } }),
    );
    return Item;
  }

  private record(key: string): Promise<Record<string, unknown> | undefined> {
    return this.cache.get(key);
  }

  async getExperiment(testName: string): Promise<Experiment | undefined> {
    const item = await this.record(testName);
    if (!item) return testName === DEFAULT_TEST_NAME ? defaultExperimentFromEnv(this.env) : undefined;
    return experimentFromItem(item);
  }

  async getPlatformConfig(): Promise<PlatformConfig> {
    const item = await this.record(PLATFORM_CONFIG_KEY);
    const parsed = platformConfigSchema.safeParse({
      trackingId: item?.[PLATFORM_CONFIG_ATTRIBUTES.trackingId],
      popularItems: item?.[PLATFORM_CONFIG_ATTRIBUTES.popularItems],
      updatedAt: item?.[PLATFORM_CONFIG_ATTRIBUTES.updatedAt],
      filterArns: item?.[PLATFORM_CONFIG_ATTRIBUTES.filterArns],
    });
    if (!parsed.success)
      throw new InvalidExperimentConfigError(`platform config is invalid: ${parsed.error.message}`);
    return parsed.data;
  }
}
