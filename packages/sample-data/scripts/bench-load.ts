import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createCatalogTables, localDynamoDbClient, startDynamoDbLocal } from "@personalize-ab/dynamodb-local";
import { loadCatalog } from "../src/catalog-loader";
import { generateSampleData } from "../src/generate-sample-data";

/**
 * Loading the 1,000 users and 2,000 items into DynamoDB Local, one batch at a time (baseline)
 * against several batches in flight. Fresh tables per run, so every run writes new records.
 */
const data = generateSampleData();
const dynamodb = await startDynamoDbLocal();
try {
  const client = DynamoDBDocumentClient.from(localDynamoDbClient(dynamodb.endpoint));
  const timeLoad = async (concurrency: number, run: number) => {
    const tables = await createCatalogTables(client, `bench-c${concurrency}-r${run}`);
    const started = performance.now();
    await loadCatalog(client, { usersTable: tables.users, itemsTable: tables.items }, data, {
      concurrency,
      progress: null,
    });
    return performance.now() - started;
  };
  await timeLoad(4, 0); // warm-up: JIT and DynamoDB Local's first writes
  const RUNS = 3;
  const results: [number, number][] = [];
  for (const concurrency of [1, 2, 4, 8]) {
    const times: number[] = [];
    for (let run = 1; run <= RUNS; run++) times.push(await timeLoad(concurrency, run));
    results.push([concurrency, [...times].sort((a, b) => a - b)[1]!]);
  }
  const baseline = results[0]![1];
  console.log(
    `Loading ${data.users.length} users + ${data.items.length} items into DynamoDB Local (median of ${RUNS}):`,
  );
  for (const [concurrency, ms] of results) {
    const label = concurrency === 1 ? "1 batch in flight (baseline)" : `${concurrency} batches in flight`;
    console.log(
      `  ${label.padEnd(30)} ${ms.toFixed(0).padStart(6)} ms  ${((data.users.length + data.items.length) / (ms / 1000)).toFixed(0).padStart(6)} records/s  ${(baseline / ms).toFixed(2)}x`,
    );
  }
} finally {
  await dynamodb.stop();
}
