import {
  type DynamoDBDocumentClient,
  GetCommand,
  paginateQuery,
  paginateScan,
  TransactWriteCommand,
} from "@aws-sdk/lib-dynamodb";
import {
  EXPERIMENT_ATTRIBUTES,
  type Experiment,
  ExperimentConflict,
  experimentChanges,
  type HistoryAction,
  type HistoryEntry,
  PLATFORM_CONFIG_KEY,
  TABLES,
} from "@personalize-ab/domain";
import { logger } from "../powertools";
import {
  experimentFromItem,
  experimentItem,
  HISTORY_KEY,
  historyEntryFromItem,
  historyItem,
} from "./experiment-items";

const PARTITION_KEY = TABLES.experiments.partitionKey.name;

export interface ExperimentStoreTables {
  readonly experiments: string;
  readonly history: string;
}

/** Who made a write and when: the history entry's caller and time. */
export interface WriteContext {
  readonly caller: string;
  readonly atMs: number;
}

function cancelledReasons(error: unknown): string[] | undefined {
  if ((error as Error).name !== "TransactionCanceledException") return undefined;
  return ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map(
    (reason) => reason.Code ?? "None",
  );
}

/**
 * The one write path of experiment records, shared by the admin API and the bandit updater: each
 * write puts the record, conditional on the version it was read at, and its history entry in one
 * transaction, so a record never changes without its history nor over a concurrent change.
 */
export class ExperimentStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tables: ExperimentStoreTables,
  ) {}

  /** The stored record (strongly consistent: a write must start from the latest version). */
  async read(testName: string): Promise<Experiment | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({
        TableName: this.tables.experiments,
        Key: { [PARTITION_KEY]: testName },
        ConsistentRead: true,
      }),
    );
    return Item ? experimentFromItem(Item) : undefined;
  }

  /** Every stored experiment by name; a record that does not validate is logged and left out. */
  async list(): Promise<Experiment[]> {
    const experiments: Experiment[] = [];
    for await (const page of paginateScan(
      { client: this.documents },
      { TableName: this.tables.experiments },
    )) {
      for (const item of page.Items ?? []) {
        if (item[PARTITION_KEY] === PLATFORM_CONFIG_KEY) continue;
        try {
          experiments.push(experimentFromItem(item));
        } catch (error) {
          logger.error("experiment record does not validate; left out of the list", error as Error);
        }
      }
    }
    return experiments.sort((a, b) => a.name.localeCompare(b.name));
  }

  async history(testName: string): Promise<HistoryEntry[]> {
    const entries: HistoryEntry[] = [];
    const pages = paginateQuery(
      { client: this.documents },
      {
        TableName: this.tables.history,
        KeyConditionExpression: "#name = :name",
        ExpressionAttributeNames: { "#name": HISTORY_KEY.partition },
        ExpressionAttributeValues: { ":name": testName },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) entries.push(...(page.Items ?? []).map(historyEntryFromItem));
    return entries;
  }

  /** Stores a new record as version 1; 409 `experiment_exists` if the name is taken. */
  async create(record: Experiment, context: WriteContext): Promise<Experiment> {
    const stored = { ...record, version: 1 };
    try {
      await this.transact(stored, undefined, "create", context, {
        ConditionExpression: "attribute_not_exists(#name)",
        ExpressionAttributeNames: { "#name": PARTITION_KEY },
      });
    } catch (error) {
      if (cancelledReasons(error)?.[0] === "ConditionalCheckFailed") {
        throw new ExperimentConflict(
          "experiment_exists",
          "name",
          `an experiment named ${record.name} exists`,
        );
      }
      throw error;
    }
    return stored;
  }

  /**
   * Writes `next` over `previous` as version previous.version + 1, only if the stored record is
   * still at previous.version (0: a record written before versioning, or none at all); otherwise
   * 409 `version_conflict`. Returns `previous` untouched when nothing changed.
   */
  async save(previous: Experiment, next: Experiment, action: HistoryAction, context: WriteContext) {
    if (Object.keys(experimentChanges(previous, next)).length === 0) return previous;
    const stored = { ...next, version: previous.version + 1 };
    // Version 0: never written through this path (no Version, or 0 as the local platform seeds it).
    const condition = {
      ConditionExpression:
        previous.version === 0
          ? "attribute_not_exists(#version) OR #version = :version"
          : "#version = :version",
      ExpressionAttributeValues: { ":version": previous.version },
    };
    try {
      await this.transact(stored, previous, action, context, {
        ...condition,
        ExpressionAttributeNames: { "#version": EXPERIMENT_ATTRIBUTES.version },
      });
    } catch (error) {
      if (cancelledReasons(error)?.some((code) => code === "ConditionalCheckFailed")) {
        throw new ExperimentConflict(
          "version_conflict",
          "version",
          `${next.name} changed since version ${previous.version} was read; read it again and retry`,
        );
      }
      throw error;
    }
    return stored;
  }

  private async transact(
    stored: Experiment,
    previous: Experiment | undefined,
    action: HistoryAction,
    context: WriteContext,
    recordCondition: {
      ConditionExpression: string;
      ExpressionAttributeNames: Record<string, string>;
      ExpressionAttributeValues?: Record<string, unknown>;
    },
  ): Promise<void> {
    const entry: HistoryEntry = {
      test_name: stored.name,
      version: stored.version,
      at: context.atMs,
      caller: context.caller,
      action,
      changes: experimentChanges(previous, stored),
    };
    await this.documents.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.tables.experiments, Item: experimentItem(stored), ...recordCondition } },
          {
            // A history entry is never overwritten: a second writer of the same version fails here too.
            Put: {
              TableName: this.tables.history,
              Item: historyItem(entry),
              ConditionExpression: "attribute_not_exists(#version)",
              ExpressionAttributeNames: { "#version": HISTORY_KEY.sort },
            },
          },
        ],
      }),
    );
  }
}
