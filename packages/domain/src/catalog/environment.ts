import { TABLES } from "./tables";

/**
 * Every environment variable a function reads, named once. Infra sets them, handlers read them,
 * the local platform fills them in.
 */
export const ENV = {
  usersTable: TABLES.users.envVar,
  itemsTable: TABLES.items.envVar,
  assignmentsTable: TABLES.assignments.envVar,
  eventsTable: TABLES.events.envVar,
  experimentsTable: TABLES.experiments.envVar,
  experimentHistoryTable: TABLES.experimentHistory.envVar,
  experimentUserMetricsTable: TABLES.experimentUserMetrics.envVar,
  experimentCountersTable: TABLES.experimentCounters.envVar,
  /** How many counter shards each experiment cell is spread over (see apps/experiment-counters). */
  experimentCounterShards: "EXPERIMENT_COUNTER_SHARDS",
  dataBucket: "DATA_BUCKET",
  /** Campaign ARNs of the default experiment's variants, as the recipe names them. */
  campaignAArn: "CAMPAIGN_A_ARN",
  campaignBArn: "CAMPAIGN_B_ARN",
  campaignCArn: "CAMPAIGN_C_ARN",
  /** Personalize event tracker's tracking id, when no platform config record holds one. */
  trackingId: "PERSONALIZE_TRACKING_ID",
  personalizeRoleArn: "PERSONALIZE_ROLE_ARN",
  personalizeTimeoutMs: "PERSONALIZE_TIMEOUT_MS",
  configCacheTtlSeconds: "CONFIG_CACHE_TTL_SECONDS",
  /** How long a DynamoDB call may go unanswered before it is retried or given up (default 2000 ms). */
  dynamodbTimeoutMs: "DYNAMODB_TIMEOUT_MS",
  /** Endpoint overrides: set only when running locally (DynamoDB Local, the local recommender). */
  dynamodbEndpoint: "DYNAMODB_ENDPOINT",
  personalizeEndpoint: "PERSONALIZE_ENDPOINT",
  personalizeRuntimeEndpoint: "PERSONALIZE_RUNTIME_ENDPOINT",
  personalizeEventsEndpoint: "PERSONALIZE_EVENTS_ENDPOINT",
  /** Days an event or exposure is kept: written as the events table's TTL attribute (default 400). */
  dataRetentionDays: "DATA_RETENTION_DAYS",
  /** The environment's name (dev, prod, local): the Environment dimension of every metric. */
  environmentName: "PLATFORM_ENVIRONMENT",
  serviceName: "POWERTOOLS_SERVICE_NAME",
  metricsNamespace: "POWERTOOLS_METRICS_NAMESPACE",
} as const;

export type EnvKey = keyof typeof ENV;
export type EnvVarName = (typeof ENV)[EnvKey];

/** Maps the default experiment's variants to the variables that carry their campaign ARNs. */
export const DEFAULT_VARIANT_CAMPAIGN_ENV: Readonly<Record<string, EnvVarName>> = {
  variant_a: ENV.campaignAArn,
  variant_b: ENV.campaignBArn,
  variant_c: ENV.campaignCArn,
};

export const METRICS_NAMESPACE = "PersonalizeAB";
