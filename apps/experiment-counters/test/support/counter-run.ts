import { AsyncLocalStorage } from "node:async_hooks";
import {
  countingRulesFromTable,
  createDocumentClient,
  ExperimentCounterConsumer,
  type ReconcileReport,
  reconcileExperiment,
} from "@personalize-ab/adapters";
import { STREAM_FUNCTIONS, type StreamFunctionDefinition } from "@personalize-ab/domain";
import type { TableNames } from "@personalize-ab/dynamodb-local";
import {
  catalogEventSourceMapping,
  type OnFailureRecord,
  startStreamRunner,
} from "@personalize-ab/local-streams";
import { createCountersHandler } from "../../src/counters-handler";
import { countWrites } from "./write-counter";

const DEFINITION: StreamFunctionDefinition = STREAM_FUNCTIONS.experimentCounters;

export interface CounterRunOptions {
  readonly endpoint: string;
  /** The raw tables (assignments, events, experiments) the streams come from. */
  readonly raw: TableNames;
  readonly shards: number;
  /** Every batch the function handled is handed to it this many times in all. */
  readonly deliveriesPerBatch?: number;
  /**
   * Called before each transaction of an invocation with its index and the invocation's first
   * sequence number; throwing kills the invocation there (Lambda retries the whole batch).
   */
  readonly beforeTransaction?: (index: number, firstSequenceNumber: string) => void;
  /** Fresh catalog tables: the run's user states and counters go there. */
  readonly freshTables: () => Promise<TableNames>;
  /** Set up faults on the consumer's client (middleware). */
  readonly onClient?: (documents: ReturnType<typeof createDocumentClient>) => void;
}

export interface CounterRun {
  readonly counters: string;
  readonly userMetrics: string;
  readonly invocations: number;
  readonly partialResponses: number;
  readonly records: number;
  readonly writes: number;
  readonly givenUp: readonly OnFailureRecord[];
  readonly seconds: number;
}

/**
 * Runs the real handler off the real streams of the raw tables, one runner per source as Lambda
 * has one event source mapping per stream, into fresh counter tables, until both streams are read.
 */
export async function runCounters(options: CounterRunOptions): Promise<CounterRun> {
  const fresh = await options.freshTables();
  const env = { DYNAMODB_ENDPOINT: options.endpoint };
  const documents = createDocumentClient(env);
  const counter = countWrites(documents);
  options.onClient?.(documents);
  const tables = {
    assignments: options.raw.assignments,
    events: options.raw.events,
    userMetrics: fresh.experimentUserMetrics,
    counters: fresh.experimentCounters,
  };
  const invocation = new AsyncLocalStorage<string>();
  const consumer = new ExperimentCounterConsumer(documents, tables, {
    shards: options.shards,
    rulesOf: countingRulesFromTable(documents, options.raw.experiments),
    beforeTransaction: (index) => options.beforeTransaction?.(index, invocation.getStore() ?? ""),
  });
  const handler = createCountersHandler(consumer);
  const givenUp: OnFailureRecord[] = [];
  let invocations = 0;
  let partialResponses = 0;
  let records = 0;
  const started = performance.now();
  const runners = await Promise.all(
    DEFINITION.streams.map((source) =>
      startStreamRunner({
        endpoint: options.endpoint,
        tableName: options.raw[source.table],
        functionName: DEFINITION.app,
        handler: async (event) => {
          invocations += 1;
          records += event.Records.length;
          const first = event.Records[0]?.dynamodb?.SequenceNumber ?? "";
          const response = await invocation.run(first, () => handler(event));
          if (response.batchItemFailures.length > 0) partialResponses += 1;
          return response;
        },
        mapping: catalogEventSourceMapping(DEFINITION, source),
        retryDelayMs: 20,
        onFailure: (record) => {
          givenUp.push(record);
        },
        reportError: () => {},
        ...(options.deliveriesPerBatch && { testing: { deliveriesPerBatch: options.deliveriesPerBatch } }),
      }),
    ),
  );
  try {
    await Promise.all(runners.map((runner) => runner.caughtUp()));
  } finally {
    await Promise.all(runners.map((runner) => runner.stop()));
  }
  return {
    counters: tables.counters,
    userMetrics: tables.userMetrics,
    invocations,
    partialResponses,
    records,
    writes: counter.writes,
    givenUp,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Reconciles every experiment of the traffic against a run's counters. */
export async function reconcileRun(
  endpoint: string,
  raw: TableNames,
  run: CounterRun,
  tests: readonly string[],
  shards: number,
): Promise<ReconcileReport[]> {
  const documents = createDocumentClient({ DYNAMODB_ENDPOINT: endpoint });
  const tables = {
    assignments: raw.assignments,
    events: raw.events,
    counters: run.counters,
    experiments: raw.experiments,
  };
  return Promise.all(tests.map((test) => reconcileExperiment(documents, tables, test, { shards })));
}
