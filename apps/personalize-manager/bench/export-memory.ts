/**
 * Peak memory of export_interactions: loads N events (default 50,000) into a fresh DynamoDB Local,
 * exports them through the real streaming export with S3 stood in by a mock that counts and drops
 * the parts, and prints the memory figures. Usage: pnpm bench:export [events]
 */
import {
  CreateMultipartUploadCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createCatalogTables, localDynamoDbClient, startDynamoDbLocal } from "@personalize-ab/dynamodb-local";
import { exportInteractions } from "../src/export/export-interactions";
import { loadEvents } from "../test/support/events";

const eventCount = Number(process.argv[2] ?? 50_000);
/** S3 stood in by a client that counts what it is sent and keeps nothing, so it adds no memory of its own. */
function countingS3() {
  const client = new S3Client({
    region: "us-east-1",
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
  });
  let parts = 0;
  let bytes = 0;
  const send = async (command: { input: { Body?: Uint8Array } }) => {
    if (command instanceof UploadPartCommand || command instanceof PutObjectCommand) {
      parts++;
      bytes += command.input.Body?.byteLength ?? 0;
      return { ETag: `"${parts}"` };
    }
    if (command instanceof CreateMultipartUploadCommand) return { UploadId: "bench" };
    return {};
  };
  client.send = send as unknown as S3Client["send"];
  return { client, parts: () => parts, bytes: () => bytes };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const dynamodbLocal = await startDynamoDbLocal();
try {
  const client = localDynamoDbClient(dynamodbLocal.endpoint);
  const tables = await createCatalogTables(client, "bench");
  const dynamo = DynamoDBDocumentClient.from(client);
  const loadStart = performance.now();
  await loadEvents(dynamo, tables.events, eventCount);
  console.log(`loaded ${eventCount} events in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);

  globalThis.gc?.();
  const s3 = countingS3();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 5);
  const start = performance.now();
  const summary = await exportInteractions({
    dynamo,
    s3: s3.client,
    tableName: tables.events,
    bucket: "bench-bucket",
    key: "training-data/exports/bench/interactions.csv",
    segments: 4,
  });
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);

  console.log(
    `exported ${summary.rowsWritten} rows, ${mb(summary.bytes)} of CSV, in ${seconds.toFixed(1)} s`,
  );
  console.log(`uploaded ${mb(s3.bytes())} in ${s3.parts()} part(s)`);
  console.log(
    `rss before export: ${mb(before.rss)}, peak during export: ${mb(peakRss)} (+${mb(peakRss - before.rss)})`,
  );
  console.log(
    `heap before export: ${mb(before.heapUsed)}, peak during export: ${mb(peakHeap)} (+${mb(peakHeap - before.heapUsed)})`,
  );
  console.log(`process maxRSS (whole run, including the load): ${mb(process.resourceUsage().maxRSS * 1024)}`);
} finally {
  await dynamodbLocal.stop();
}
