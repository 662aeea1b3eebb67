import {
  EXPERIMENT_ATTRIBUTES,
  type Experiment,
  type ExperimentInput,
  experimentSchema,
  HISTORY_ATTRIBUTES,
  type HistoryEntry,
  TABLES,
} from "@personalize-ab/domain";

const PARTITION_KEY = TABLES.experiments.partitionKey.name;
export const HISTORY_KEY = {
  partition: TABLES.experimentHistory.partitionKey.name,
  sort: TABLES.experimentHistory.sortKey.name,
} as const;

/** An experiment record that does not validate: a deployment error, never the client's. */
export class InvalidExperimentConfigError extends Error {
  override readonly name = "InvalidExperimentConfigError";
}

/**
 * The experiment a stored item holds. Items written before the lifecycle have no version, periods
 * or active spans: they read as version 0 with one period from the variants' weights.
 */
export function experimentFromItem(item: Record<string, unknown>): Experiment {
  const testName = String(item[PARTITION_KEY]);
  const parsed = experimentSchema.safeParse({
    name: item[PARTITION_KEY],
    status: item[EXPERIMENT_ATTRIBUTES.status],
    kind: item[EXPERIMENT_ATTRIBUTES.kind],
    winner: item[EXPERIMENT_ATTRIBUTES.winner],
    version: item[EXPERIMENT_ATTRIBUTES.version],
    variants: item[EXPERIMENT_ATTRIBUTES.variants],
    metrics: item[EXPERIMENT_ATTRIBUTES.metrics],
    allocation: item[EXPERIMENT_ATTRIBUTES.allocation],
    periods: item[EXPERIMENT_ATTRIBUTES.periods],
    active_spans: item[EXPERIMENT_ATTRIBUTES.activeSpans],
  });
  if (!parsed.success) {
    throw new InvalidExperimentConfigError(`experiment ${testName} is invalid: ${parsed.error.message}`);
  }
  return parsed.data;
}

/**
 * The experiment record's attributes, as the admin write path and the local platform write them.
 * The record is parsed first: a writer never stores what a reader would refuse, and a record given
 * without periods or spans is stored with the defaults a reader would give it.
 */
export function experimentItem(record: ExperimentInput): Record<string, unknown> {
  const experiment = experimentSchema.parse(record);
  return {
    [PARTITION_KEY]: experiment.name,
    [EXPERIMENT_ATTRIBUTES.status]: experiment.status,
    ...(experiment.kind !== undefined && { [EXPERIMENT_ATTRIBUTES.kind]: experiment.kind }),
    ...(experiment.winner !== undefined && { [EXPERIMENT_ATTRIBUTES.winner]: experiment.winner }),
    [EXPERIMENT_ATTRIBUTES.version]: experiment.version,
    [EXPERIMENT_ATTRIBUTES.variants]: experiment.variants,
    ...(experiment.metrics && { [EXPERIMENT_ATTRIBUTES.metrics]: experiment.metrics }),
    ...(experiment.allocation && { [EXPERIMENT_ATTRIBUTES.allocation]: experiment.allocation }),
    [EXPERIMENT_ATTRIBUTES.periods]: experiment.periods,
    [EXPERIMENT_ATTRIBUTES.activeSpans]: experiment.active_spans,
  };
}

export function historyItem(entry: HistoryEntry): Record<string, unknown> {
  return {
    [HISTORY_KEY.partition]: entry.test_name,
    [HISTORY_KEY.sort]: entry.version,
    [HISTORY_ATTRIBUTES.at]: entry.at,
    [HISTORY_ATTRIBUTES.caller]: entry.caller,
    [HISTORY_ATTRIBUTES.action]: entry.action,
    [HISTORY_ATTRIBUTES.changes]: entry.changes,
  };
}

export function historyEntryFromItem(item: Record<string, unknown>): HistoryEntry {
  return {
    test_name: String(item[HISTORY_KEY.partition]),
    version: Number(item[HISTORY_KEY.sort]),
    at: Number(item[HISTORY_ATTRIBUTES.at]),
    caller: String(item[HISTORY_ATTRIBUTES.caller]),
    action: item[HISTORY_ATTRIBUTES.action] as HistoryEntry["action"],
    changes: (item[HISTORY_ATTRIBUTES.changes] ?? {}) as HistoryEntry["changes"],
  };
}
