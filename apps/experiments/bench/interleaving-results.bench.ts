import "./bench-environment";
import { PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import {
  COUNTER_KEY,
  counterPartition,
  createDocumentClient,
  eventItem,
  experimentItem,
  exposureItem,
  failedDelta,
  pairDelta,
  readInterleavingRecords,
  totalsDelta,
} from "@personalize-ab/adapters";
import {
  analyseInterleaving,
  creditImpressions,
  ENV,
  type ExperimentInput,
  type InterleavingAnalysis,
  interleavingCellsOf,
  interleavingPairs,
  pairKey,
} from "@personalize-ab/domain";
import {
  createCatalogTables,
  localDynamoDbClient,
  startDynamoDbLocal,
  tableEnvironment,
} from "@personalize-ab/dynamodb-local";
import { batchWriteAll } from "@personalize-ab/sample-data";
import { timedResults } from "./timed-results";

// Interleaving results read the experiment's counter cells; before, they were credited from the
// raw records on every read (a parallel Scan of the events table), whose latency grows with the
// whole table. Both are timed here on the same tables: events tables of growing size (items, by
// default 1,000, 10,000 and 40,000; `-- N M ...` for others), a tenth of each the experiment's (an
// exposure and a click per user), the rest other events.
const RUNS = 7;
const WARM_UP = 3;
const SIZES = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [1_000, 10_000, 40_000];
const ITEMS = ["a1", "b1", "a2", "b2", "a3", "b3"];
const TEAMS = ["a", "b", "a", "b", "a", "b"];
const VARIANTS = ["a", "b"];

const experiment = (name: string): ExperimentInput => ({
  name,
  status: "active",
  kind: "interleaving",
  variants: VARIANTS.map((id) => ({ id, weight: 0.5, recipe: "aws-user-personalization", description: id })),
});

function records(size: number, testName: string): Record<string, unknown>[] {
  const users = size / 20;
  const items: Record<string, unknown>[] = [];
  for (let user = 0; user < users; user++) {
    const userId = `${testName}-u${user}`;
    const recommendationId = `interleaved-${testName}-${user}`;
    items.push(
      exposureItem({
        userId,
        recommendationId,
        testName,
        variant: "interleaved",
        algorithm: "bench",
        itemIds: ITEMS,
        source: "personalize",
        servedAtMs: 1_000,
        interleaving: { teams: TEAMS, failed: [] },
      }),
      eventItem({
        userId,
        eventId: `click-${user}`,
        eventType: "click",
        timestampMs: 2_000,
        receivedAtMs: 2_000,
        sessionId: userId,
        // Three clicks in five on a's items: a preference of 0.2 for a, so the two paths' numbers can differ.
        itemId: ITEMS[user % 5],
        recommendationId,
      }),
    );
    for (let other = 0; other < 18; other++) {
      items.push(
        eventItem({
          userId,
          eventId: `other-${other}`,
          eventType: "view",
          timestampMs: 3_000 + other,
          receivedAtMs: 3_000 + other,
          sessionId: userId,
          itemId: `item_${other}`,
        }),
      );
    }
  }
  return items;
}

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;

async function timed<T>(read: () => Promise<T>): Promise<{ elapsed: number; value: T }> {
  const started = performance.now();
  const value = await read();
  return { elapsed: performance.now() - started, value };
}

const dynamodb = await startDynamoDbLocal();
try {
  const tables = await createCatalogTables(localDynamoDbClient(dynamodb.endpoint), "bench");
  Object.assign(process.env, tableEnvironment(tables), { [ENV.dynamodbEndpoint]: dynamodb.endpoint });
  const documents = createDocumentClient();
  const { handler } = await import("../src/handler");

  // The old path, as the results computed it before the counters kept the cells.
  const scanResults = async (testName: string) => {
    const { impressions, events } = await readInterleavingRecords(documents, tables.events, testName);
    return analyseInterleaving(VARIANTS, impressions, events);
  };
  // The cells the stream consumer would hold (its exactness is the counters' tests' business):
  // recomputed from the raw records and written into one shard.
  const seedCells = async (testName: string) => {
    const { impressions, events } = await readInterleavingRecords(documents, tables.events, testName);
    const cells = interleavingCellsOf(VARIANTS, creditImpressions(VARIANTS, impressions, events));
    const deltas = [
      totalsDelta(testName, cells.impressions, cells.clicked_impressions),
      ...VARIANTS.map((variant) => failedDelta(testName, variant, cells.failures[variant] ?? 0)),
      ...interleavingPairs(VARIANTS).map(({ a, b }) =>
        pairDelta(testName, a, b, cells.pairs[pairKey(a, b)]!),
      ),
    ];
    for (const { cell, fields } of deltas) {
      const names = Object.keys(fields);
      await documents.send(
        new UpdateCommand({
          TableName: tables.experimentCounters,
          Key: { [COUNTER_KEY.partition]: counterPartition(testName, 0), [COUNTER_KEY.sort]: cell },
          UpdateExpression: `ADD ${names.map((_, i) => `#f${i} :f${i}`).join(", ")}`,
          ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#f${i}`, name])),
          ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:f${i}`, fields[name]])),
        }),
      );
    }
  };

  let written = 0;
  for (const size of SIZES) {
    const testName = `bench_${size}`;
    await documents.send(
      new PutCommand({ TableName: tables.experiments, Item: experimentItem(experiment(testName)) }),
    );
    // The table grows: the larger experiment's Scan reads every experiment's records.
    await batchWriteAll(documents, tables.events, records(size - written, testName), { concurrency: 8 });
    written = size;
    await seedCells(testName);
    for (let run = 0; run < WARM_UP; run++) {
      await timedResults(handler, testName);
      await scanResults(testName);
    }
    const cellSamples: number[] = [];
    const scanSamples: number[] = [];
    let fromCells: InterleavingAnalysis | undefined;
    let fromScan: InterleavingAnalysis | undefined;
    for (let run = 0; run < RUNS; run++) {
      const cells = await timedResults<InterleavingAnalysis>(handler, testName);
      cellSamples.push(cells.elapsed);
      fromCells = cells.body;
      const scan = await timed(() => scanResults(testName));
      scanSamples.push(scan.elapsed);
      fromScan = scan.value;
    }
    const pairA = fromCells!.pairs[0]!;
    const pairB = fromScan!.pairs[0]!;
    const same =
      fromCells!.impressions === fromScan!.impressions &&
      pairA.users === pairB.users &&
      pairA.wins === pairB.wins &&
      Math.abs(pairA.preference - pairB.preference) < 1e-12 &&
      Math.abs(pairA.p_value - pairB.p_value) < 1e-12;
    const scanMedian = median(scanSamples);
    const cellMedian = median(cellSamples);
    console.log(
      `events table ${size} items, ${fromCells!.impressions} impressions of the experiment: ` +
        `Scan path p50 ${scanMedian.toFixed(1)} ms (max ${Math.max(...scanSamples).toFixed(1)}), ` +
        `cells path p50 ${cellMedian.toFixed(1)} ms (max ${Math.max(...cellSamples).toFixed(1)}), ` +
        `ratio ${(scanMedian / cellMedian).toFixed(1)}x over ${RUNS} reads each; ` +
        `same answer ${same ? "yes" : "NO"} (preference ${pairA.preference.toFixed(6)}, p ${pairA.p_value.toExponential(3)})`,
    );
    if (!same) process.exitCode = 1;
  }
} finally {
  await dynamodb.stop();
}
