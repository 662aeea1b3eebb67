// DynamoDB writes per event and events per second of the experiment counters on DynamoDB Local,
// off the real streams through the real handler, beside a baseline from the same run and data: a
// naive counter that sends one UpdateItem ADD per event (not exactly-once, no per-user values).
// Usage: tsx bench/counter-writes.ts [--users N] [--shards S]
import "./bench-environment";
import { parseArgs } from "node:util";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { createDocumentClient } from "@personalize-ab/adapters";
import { createCatalogTables, localDynamoDbClient, startDynamoDbLocal } from "@personalize-ab/dynamodb-local";
import pMap from "p-map";
import { runCounters } from "../test/support/counter-run";
import { writeExperimentTraffic } from "../test/support/experiment-traffic";
import { countWrites } from "../test/support/write-counter";

const { values } = parseArgs({
  options: { users: { type: "string", default: "1500" }, shards: { type: "string", default: "16" } },
});
const USERS = Number(values.users);
const SHARDS = Number(values.shards);

const dynamodb = await startDynamoDbLocal();
try {
  const client = localDynamoDbClient(dynamodb.endpoint);
  let prefixes = 0;
  const freshTables = () => createCatalogTables(client, `bench${prefixes++}`);
  const raw = await freshTables();
  const env = { DYNAMODB_ENDPOINT: dynamodb.endpoint };
  const traffic = await writeExperimentTraffic(createDocumentClient(env), raw, {
    seed: 7,
    users: USERS,
    startMs: Date.now() - 3_600_000,
  });
  const records = traffic.enrollments + traffic.events + traffic.exposures + traffic.historyEvents;

  const run = await runCounters({ endpoint: dynamodb.endpoint, raw, freshTables, shards: SHARDS });

  // Baseline: one ADD per stream record onto its variant's counter, 16 at a time.
  const documents = createDocumentClient(env);
  const naive = countWrites(documents);
  const baselineTable = (await freshTables()).experimentCounters;
  const started = performance.now();
  await pMap(
    Array.from({ length: run.records }, (_, i) => i),
    (i) =>
      documents.send(
        new UpdateCommand({
          TableName: baselineTable,
          Key: { CounterPartition: "naive", Cell: `variant-${i % 3}` },
          UpdateExpression: "ADD N :one",
          ExpressionAttributeValues: { ":one": 1 },
        }),
      ),
    { concurrency: 16 },
  );
  const baselineSeconds = (performance.now() - started) / 1000;

  const rows = [
    ["experiment counters (exactly-once)", run.records, run.writes, run.seconds],
    ["baseline: one UpdateItem per record", run.records, naive.writes, baselineSeconds],
  ] as const;
  console.log(
    `${USERS} users, ${traffic.enrollments} enrollments, ${traffic.events} events, ${traffic.exposures} exposures, ` +
      `${traffic.historyEvents} history events: ${records} stream records; ${SHARDS} counter shards; ` +
      `${run.invocations} invocations`,
  );
  console.log("| consumer | records | DynamoDB writes | writes per record | records/s |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const [name, count, writes, seconds] of rows) {
    console.log(
      `| ${name} | ${count} | ${writes} | ${(writes / count).toFixed(3)} | ${Math.round(count / seconds)} |`,
    );
  }
} finally {
  await dynamodb.stop();
}
