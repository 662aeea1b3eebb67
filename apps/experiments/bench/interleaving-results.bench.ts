import "./bench-environment";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { createDocumentClient, eventItem, experimentItem, exposureItem } from "@personalize-ab/adapters";
import { ENV, type ExperimentInput } from "@personalize-ab/domain";
import {
  createCatalogTables,
  localDynamoDbClient,
  startDynamoDbLocal,
  tableEnvironment,
} from "@personalize-ab/dynamodb-local";
import { batchWriteAll } from "@personalize-ab/sample-data";
import { timedResults } from "./timed-results";

// Interleaving results are credited from the raw records on every read: their latency grows with
// the events table, whatever share of it the experiment owns. Tables of growing size (items, by
// default 10,000 and 40,000; `-- N M ...` for others), a tenth of each the experiment's (an
// exposure and a click per user), the rest other events.
const RUNS = 10;
const SIZES = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [10_000, 40_000];
const ITEMS = ["a1", "b1", "a2", "b2", "a3", "b3"];
const TEAMS = ["a", "b", "a", "b", "a", "b"];

const experiment = (name: string): ExperimentInput => ({
  name,
  status: "active",
  kind: "interleaving",
  variants: [
    { id: "a", weight: 0.5, recipe: "aws-user-personalization", description: "a" },
    { id: "b", weight: 0.5, recipe: "aws-user-personalization", description: "b" },
  ],
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
        itemId: ITEMS[user % ITEMS.length],
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

const dynamodb = await startDynamoDbLocal();
try {
  const tables = await createCatalogTables(localDynamoDbClient(dynamodb.endpoint), "bench");
  Object.assign(process.env, tableEnvironment(tables), { [ENV.dynamodbEndpoint]: dynamodb.endpoint });
  const documents = createDocumentClient();
  const { handler } = await import("../src/handler");
  const get = (testName: string) => timedResults<{ impressions: number }>(handler, testName);

  let written = 0;
  for (const size of SIZES) {
    const testName = `bench_${size}`;
    await documents.send(
      new PutCommand({ TableName: tables.experiments, Item: experimentItem(experiment(testName)) }),
    );
    // The table grows: the larger experiment's read scans both experiments' records.
    await batchWriteAll(documents, tables.events, records(size - written, testName), { concurrency: 8 });
    written = size;
    await get(testName);
    const samples: number[] = [];
    let impressions = 0;
    for (let run = 0; run < RUNS; run++) {
      const { elapsed, body } = await get(testName);
      samples.push(elapsed);
      impressions = body.impressions;
    }
    samples.sort((a, b) => a - b);
    const median = samples[Math.floor(samples.length / 2)]!;
    console.log(
      `events table ${size} items, ${impressions} impressions of the experiment: ` +
        `results p50 ${median.toFixed(0)} ms (${((median / size) * 1000).toFixed(2)} ms per 1,000 items), ` +
        `max ${samples.at(-1)!.toFixed(0)} ms over ${RUNS} reads`,
    );
  }
} finally {
  await dynamodb.stop();
}
