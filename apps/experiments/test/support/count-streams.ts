import {
  applyStreamBatch,
  counterShards,
  countingRulesFromTable,
  createDocumentClient,
  ExperimentCounterConsumer,
} from "@personalize-ab/adapters";
import { STREAM_FUNCTIONS } from "@personalize-ab/domain";
import type { TableNames } from "@personalize-ab/dynamodb-local";
import { catalogEventSourceMapping, startStreamRunner } from "@personalize-ab/local-streams";

const DEFINITION = STREAM_FUNCTIONS.experimentCounters;

/**
 * Runs the experiment counters' consumer off the tables' real streams, as the catalog maps them,
 * until every record written so far is handled: the counters then hold what the raw tables say.
 */
export async function countStreams(endpoint: string, tables: TableNames): Promise<void> {
  const documents = createDocumentClient({ DYNAMODB_ENDPOINT: endpoint });
  const consumer = new ExperimentCounterConsumer(
    documents,
    {
      assignments: tables.assignments,
      events: tables.events,
      userMetrics: tables.experimentUserMetrics,
      counters: tables.experimentCounters,
    },
    { shards: counterShards(), rulesOf: countingRulesFromTable(documents, tables.experiments) },
  );
  const givenUp: unknown[] = [];
  const runners = await Promise.all(
    DEFINITION.streams.map((source) =>
      startStreamRunner({
        endpoint,
        tableName: tables[source.table],
        functionName: DEFINITION.app,
        handler: async (event) => (await applyStreamBatch(consumer, event)).response,
        mapping: catalogEventSourceMapping(DEFINITION, source),
        retryDelayMs: 20,
        onFailure: (record) => {
          givenUp.push(record);
        },
      }),
    ),
  );
  try {
    await Promise.all(runners.map((runner) => runner.caughtUp()));
  } finally {
    await Promise.all(runners.map((runner) => runner.stop()));
  }
  if (givenUp.length > 0) throw new Error(`the counters gave up ${givenUp.length} batches`);
}
