/**
 * Every DynamoDB table of the platform, declared once: infra emits `aws_dynamodb_table` from it,
 * the local platform and the tests create the same tables from it.
 */
export type AttributeType = "S" | "N";

export interface KeyAttribute {
  readonly name: string;
  readonly type: AttributeType;
}

export interface SecondaryIndex {
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}

export interface TableDefinition {
  /** Suffix of the physical name: `${prefix}-${suffix}`. */
  readonly suffix: string;
  /** Environment variable through which a function receives the physical name. */
  readonly envVar: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalIndexes?: readonly SecondaryIndex[];
  readonly localIndexes?: readonly SecondaryIndex[];
  readonly stream?: "NEW_IMAGE" | "NEW_AND_OLD_IMAGES";
  readonly ttlAttribute?: string;
}

export const TABLES = {
  users: {
    suffix: "users",
    envVar: "USERS_TABLE",
    partitionKey: { name: "UserId", type: "S" },
  },
  items: {
    suffix: "items",
    envVar: "ITEMS_TABLE",
    partitionKey: { name: "ItemId", type: "S" },
    globalIndexes: [{ name: "CategoryIndex", partitionKey: { name: "Category", type: "S" } }],
  },
  assignments: {
    suffix: "ab-assignments",
    envVar: "AB_ASSIGNMENTS_TABLE",
    partitionKey: { name: "UserId", type: "S" },
    sortKey: { name: "TestName", type: "S" },
    // A first stored assignment is an enrollment: the experiment counters consume this stream.
    stream: "NEW_IMAGE",
  },
  events: {
    // Keyed by event id, never by time: two events of one user in one millisecond are both kept,
    // and a retried event id lands on the same key. Time order comes from the local index.
    suffix: "events",
    envVar: "EVENTS_TABLE",
    partitionKey: { name: "UserId", type: "S" },
    sortKey: { name: "EventId", type: "S" },
    localIndexes: [
      {
        name: "UserTimeIndex",
        partitionKey: { name: "UserId", type: "S" },
        sortKey: { name: "Timestamp", type: "N" },
      },
    ],
    // Sparse: only events whose Personalize forward failed carry ReplayPartition.
    globalIndexes: [
      {
        name: "PendingReplayIndex",
        partitionKey: { name: "ReplayPartition", type: "S" },
        sortKey: { name: "Timestamp", type: "N" },
      },
    ],
    stream: "NEW_IMAGE",
    ttlAttribute: "ExpiresAt",
  },
  experiments: {
    suffix: "experiments",
    envVar: "EXPERIMENTS_TABLE",
    partitionKey: { name: "TestName", type: "S" },
  },
  experimentHistory: {
    // One item per write of an experiment record, in the same transaction as the write.
    suffix: "experiment-history",
    envVar: "EXPERIMENT_HISTORY_TABLE",
    partitionKey: { name: "TestName", type: "S" },
    sortKey: { name: "Version", type: "N" },
  },
  experimentUserMetrics: {
    // One item per enrolled user and experiment: the user's exact metric values, and per source
    // stream the last applied sequence number, which is what makes the counters exactly-once.
    suffix: "experiment-user-metrics",
    envVar: "EXPERIMENT_USER_METRICS_TABLE",
    partitionKey: { name: "UserId", type: "S" },
    sortKey: { name: "TestName", type: "S" },
  },
  experimentCounters: {
    // Sufficient statistics per experiment, counter shard, enrollment day, variant and metric.
    // The shard is part of the partition key, so no single partition takes an experiment's writes.
    suffix: "experiment-counters",
    envVar: "EXPERIMENT_COUNTERS_TABLE",
    partitionKey: { name: "CounterPartition", type: "S" },
    sortKey: { name: "Cell", type: "S" },
  },
} as const satisfies Record<string, TableDefinition>;

export type TableKey = keyof typeof TABLES;
export const TABLE_KEYS = Object.keys(TABLES) as TableKey[];

/** The physical table name for an environment's prefix, e.g. `personalize-ab-dev-events`. */
export function tableName(prefix: string, table: TableKey): string {
  return `${prefix}-${TABLES[table].suffix}`;
}

/**
 * The experiments table also holds one platform-wide record (tracking id, precomputed popular
 * items) under a key no experiment can take: test names cannot contain '#'.
 */
export const PLATFORM_CONFIG_KEY = "#platform";
