import { TRAINING_DATA_PREFIX } from "../personalize-schemas";
import { ENV, type EnvVarName } from "./environment";
import type { TableKey } from "./tables";

/** DynamoDB actions a function may call on a table (and, for Query, on its indexes). */
export type TableAction =
  | "GetItem"
  | "BatchGetItem"
  | "PutItem"
  | "UpdateItem"
  | "Query"
  | "Scan"
  | "BatchWriteItem"
  | "ConditionCheckItem";

export type PersonalizeAccess = "GetRecommendations" | "PutEvents";

/** Personalize control-plane calls (the training pipeline's manager); infra scopes each to the environment's resources. */
export type PersonalizeControlAction =
  | "CreateDatasetGroup"
  | "DescribeDatasetGroup"
  | "ListDatasetGroups"
  | "DescribeDataset"
  | "CreateDatasetImportJob"
  | "DescribeDatasetImportJob"
  | "ListDatasetImportJobs"
  | "CreateSolution"
  | "DescribeSolution"
  | "ListSolutions"
  | "CreateSolutionVersion"
  | "DescribeSolutionVersion"
  | "ListSolutionVersions"
  | "GetSolutionMetrics"
  | "CreateCampaign"
  | "DescribeCampaign"
  | "UpdateCampaign"
  | "ListCampaigns"
  | "CreateEventTracker"
  | "DescribeEventTracker"
  | "ListEventTrackers"
  | "CreateFilter"
  | "DescribeFilter"
  | "ListFilters";

/** Object actions a function may take on the data bucket, under one key prefix. */
export type BucketAction = "GetObject" | "PutObject" | "AbortMultipartUpload";

export interface FunctionDefinition {
  /** Workspace folder under apps/, and the function's name suffix. */
  readonly app: string;
  readonly description: string;
  readonly tables: Partial<Record<TableKey, readonly TableAction[]>>;
  readonly personalize?: readonly PersonalizeAccess[];
  readonly personalizeControl?: readonly PersonalizeControlAction[];
  readonly dataBucket?: { readonly prefix: string; readonly actions: readonly BucketAction[] };
  /** Hands the Personalize service role to Personalize (dataset import jobs read S3 with it). */
  readonly passesPersonalizeRole?: boolean;
  readonly env: readonly EnvVarName[];
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** Concurrent executions reserved (and so capped): 1 keeps a function from overlapping itself. */
  readonly reservedConcurrency?: number;
}

const powertoolsEnv = [
  ENV.serviceName,
  ENV.metricsNamespace,
  ENV.configCacheTtlSeconds,
  ENV.environmentName,
] as const;

/** What the functions that read and write experiment records and read their counters are given. */
const experimentRecordsEnv = [
  ENV.experimentsTable,
  ENV.experimentHistoryTable,
  ENV.experimentCountersTable,
  ENV.experimentCounterShards,
  ...powertoolsEnv,
] as const;

/**
 * Every Lambda of the platform with exactly what it touches. Infra derives each function's IAM
 * policy and environment from this, so a handler that starts using a table must say so here.
 */
export const FUNCTIONS = {
  abRouter: {
    app: "ab-router",
    description: "POST /assignments: sticky A/B variant for a user",
    tables: { assignments: ["GetItem", "PutItem"], experiments: ["GetItem"] },
    env: [
      ENV.assignmentsTable,
      ENV.experimentsTable,
      ENV.campaignAArn,
      ENV.campaignBArn,
      ENV.campaignCArn,
      ...powertoolsEnv,
    ],
    memoryMb: 256,
    timeoutSeconds: 5,
  },
  recommendations: {
    app: "recommendations",
    // The preview route reads what serving reads (assignment, experiment, items, the user's
    // events) and writes nothing: it needs no grant of its own.
    description:
      "POST /recommendations: assign, recommend, enrich and record the exposure; POST /experiments/{test_name}/preview: every variant's list, nothing written",
    tables: {
      assignments: ["GetItem", "PutItem"],
      experiments: ["GetItem"],
      items: ["BatchGetItem"],
      events: ["Query", "PutItem"],
    },
    personalize: ["GetRecommendations"],
    env: [
      ENV.assignmentsTable,
      ENV.experimentsTable,
      ENV.itemsTable,
      ENV.eventsTable,
      ENV.campaignAArn,
      ENV.campaignBArn,
      ENV.campaignCArn,
      ENV.personalizeTimeoutMs,
      ENV.dataRetentionDays,
      ...powertoolsEnv,
    ],
    memoryMb: 512,
    timeoutSeconds: 5,
  },
  eventTracker: {
    app: "event-tracker",
    description: "POST /events: store every event once and forward it to Personalize",
    tables: { events: ["PutItem", "UpdateItem"], assignments: ["GetItem"], experiments: ["GetItem"] },
    personalize: ["PutEvents"],
    env: [
      ENV.eventsTable,
      ENV.assignmentsTable,
      ENV.experimentsTable,
      ENV.trackingId,
      ENV.personalizeTimeoutMs,
      ENV.dataRetentionDays,
      ...powertoolsEnv,
    ],
    memoryMb: 256,
    timeoutSeconds: 5,
  },
  experiments: {
    app: "experiments",
    description: "Experiment admin (create, list, show, update, status, history) and results",
    tables: {
      // Scan lists the experiments (a handful of records); writes are conditional Puts in
      // TransactWriteItems, the record and its history entry together.
      experiments: ["GetItem", "Scan", "PutItem"],
      experimentHistory: ["PutItem", "Query"],
      // Reading results costs one query per counter partition, whatever the number of users.
      // Interleaving experiments' too: their cells are kept by the counters, not read from events.
      experimentCounters: ["Query"],
    },
    env: experimentRecordsEnv,
    memoryMb: 512,
    timeoutSeconds: 10,
  },
} as const satisfies Record<string, FunctionDefinition>;

export type FunctionKey = keyof typeof FUNCTIONS;

/**
 * Functions the training pipeline invokes (no route, no serving alarms). The manager runs every
 * action of the pipeline, so it holds the union of what those actions call.
 */
export const TRAINING_FUNCTIONS = {
  personalizeManager: {
    app: "personalize-manager",
    description:
      "Training pipeline tasks: export interactions, imports, training, campaigns, filters, config",
    // publish_config updates the experiment records with their history entries in one transaction.
    tables: { events: ["Scan"], experiments: ["GetItem", "UpdateItem"], experimentHistory: ["PutItem"] },
    personalizeControl: [
      "CreateDatasetGroup",
      "DescribeDatasetGroup",
      "ListDatasetGroups",
      "DescribeDataset",
      "CreateDatasetImportJob",
      "DescribeDatasetImportJob",
      "ListDatasetImportJobs",
      "CreateSolution",
      "DescribeSolution",
      "ListSolutions",
      "CreateSolutionVersion",
      "DescribeSolutionVersion",
      "ListSolutionVersions",
      "GetSolutionMetrics",
      "CreateCampaign",
      "DescribeCampaign",
      "UpdateCampaign",
      "ListCampaigns",
      "CreateEventTracker",
      "DescribeEventTracker",
      "ListEventTrackers",
      "CreateFilter",
      "DescribeFilter",
      "ListFilters",
    ],
    // The interactions export is a multipart upload; aborting it on failure leaves no parts behind.
    dataBucket: { prefix: TRAINING_DATA_PREFIX, actions: ["PutObject", "AbortMultipartUpload"] },
    passesPersonalizeRole: true,
    env: [ENV.eventsTable, ENV.experimentsTable, ENV.experimentHistoryTable, ENV.dataBucket, ENV.serviceName],
    memoryMb: 512,
    // The export of a large events table is the longest task; Lambda's ceiling.
    timeoutSeconds: 900,
  },
} as const satisfies Record<string, FunctionDefinition>;

export type TrainingFunctionKey = keyof typeof TRAINING_FUNCTIONS;

export interface ScheduledFunctionDefinition extends FunctionDefinition {
  /** EventBridge schedule expression that invokes the function. */
  readonly schedule: string;
}

/** Functions EventBridge runs on a schedule (no route, no serving alarms). */
export const SCHEDULED_FUNCTIONS = {
  eventReplay: {
    app: "event-replay",
    description: "Re-sends to Personalize every stored event whose forward failed",
    tables: { events: ["Query", "UpdateItem"], experiments: ["GetItem"] },
    personalize: ["PutEvents"],
    env: [
      ENV.eventsTable,
      ENV.experimentsTable,
      ENV.trackingId,
      ENV.personalizeTimeoutMs,
      ENV.dataRetentionDays,
      ...powertoolsEnv,
    ],
    memoryMb: 256,
    // A long Personalize outage can leave many events owed; each run takes what it can.
    timeoutSeconds: 300,
    // One run at a time: two would read the same pending pages and send events twice.
    reservedConcurrency: 1,
    schedule: "rate(5 minutes)",
  },
  banditUpdater: {
    app: "bandit-updater",
    description: "Recomputes bandit experiments' weights by Thompson sampling as new allocation periods",
    tables: {
      // Scan lists the experiments (a handful of records); a write is a conditional Put of the
      // record and of its history entry in one TransactWriteItems, as the admin API's.
      experiments: ["Scan", "PutItem"],
      experimentHistory: ["PutItem"],
      // One query per counter shard, whatever the number of users.
      experimentCounters: ["Query"],
    },
    env: experimentRecordsEnv,
    memoryMb: 256,
    timeoutSeconds: 60,
    // One run at a time: two would both read version v and one would always lose the write.
    reservedConcurrency: 1,
    // How often the updater looks; each experiment's own update_every says when it reweights.
    schedule: "rate(15 minutes)",
  },
} as const satisfies Record<string, ScheduledFunctionDefinition>;

export type ScheduledFunctionKey = keyof typeof SCHEDULED_FUNCTIONS;

/** How a stream consumer reads one source table's stream (a Lambda event source mapping). */
export interface StreamSourceDefinition {
  readonly table: TableKey;
  readonly startingPosition: "TRIM_HORIZON" | "LATEST";
}

export interface StreamFunctionDefinition extends FunctionDefinition {
  readonly streams: readonly StreamSourceDefinition[];
  /** Records per invocation, and how long Lambda may wait to fill a batch. */
  readonly batchSize: number;
  readonly maximumBatchingWindowSeconds: number;
  /** Retries of a failing batch (bisected on each error) before it goes to the on-failure queue. */
  readonly maximumRetryAttempts: number;
  readonly bisectBatchOnFunctionError: boolean;
  /** Concurrent batches per stream shard; records of one partition key stay in order. */
  readonly parallelizationFactor: number;
}

/** Functions DynamoDB streams invoke (no route, no serving alarms). */
export const STREAM_FUNCTIONS = {
  experimentCounters: {
    app: "experiment-counters",
    description: "Assignments and events streams -> exactly-once per-variant experiment counters",
    tables: {
      assignments: ["Query"],
      // Exposure records, looked up by key to link an event to the recommendation it came from;
      // a user's own partition queried when an interleaved exposure is counted after its clicks.
      events: ["BatchGetItem", "Query"],
      experiments: ["GetItem"],
      // Written in TransactWriteItems: the user's state by a conditional Put, counters by ADD.
      experimentUserMetrics: ["BatchGetItem", "PutItem"],
      experimentCounters: ["UpdateItem"],
    },
    streams: [
      { table: "assignments", startingPosition: "TRIM_HORIZON" },
      { table: "events", startingPosition: "TRIM_HORIZON" },
    ],
    batchSize: 500,
    maximumBatchingWindowSeconds: 1,
    maximumRetryAttempts: 10,
    bisectBatchOnFunctionError: true,
    parallelizationFactor: 1,
    env: [
      ENV.assignmentsTable,
      ENV.eventsTable,
      ENV.experimentsTable,
      ENV.experimentUserMetricsTable,
      ENV.experimentCountersTable,
      ENV.experimentCounterShards,
      ...powertoolsEnv,
    ],
    memoryMb: 512,
    timeoutSeconds: 60,
  },
} as const satisfies Record<string, StreamFunctionDefinition>;

export type StreamFunctionKey = keyof typeof STREAM_FUNCTIONS;

/** Every Lambda of the platform, whatever starts it: what builds, bundles and deploys iterate over. */
export const ALL_FUNCTION_DEFINITIONS: readonly FunctionDefinition[] = [
  ...Object.values(FUNCTIONS),
  ...Object.values(TRAINING_FUNCTIONS),
  ...Object.values(SCHEDULED_FUNCTIONS),
  ...Object.values(STREAM_FUNCTIONS),
];
