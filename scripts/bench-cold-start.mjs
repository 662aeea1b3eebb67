#!/usr/bin/env node
// Cold-start figures of Lambda bundles: size, and module-load time in fresh Node processes
// (median and p90 of N runs), beside a baseline bundle of the same handler built the common
// default way, measured in the same run. Usage: bench-cold-start.mjs <appDir> [--runs N]
//   [--max-kb K] [--max-ms M]
import { execFileSync } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { bundleLambda } from "./bundle-lambda.mjs";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: "string", default: "15" },
    "max-kb": { type: "string" },
    "max-ms": { type: "string" },
  },
});
const runs = Number(values.runs);

// Handlers read table names at load; any value will do, no request is made.
const env = {
  ...process.env,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  AWS_REGION: "us-east-1",
  USERS_TABLE: "bench-users",
  ITEMS_TABLE: "bench-items",
  AB_ASSIGNMENTS_TABLE: "bench-ab-assignments",
  EVENTS_TABLE: "bench-events",
  EXPERIMENTS_TABLE: "bench-experiments",
};

function loadTimeMs(file) {
  const script = `const t=performance.now();await import(${JSON.stringify(file)});process.stdout.write(String(performance.now()-t))`;
  return Number(
    execFileSync(process.execPath, ["--input-type=module", "-e", script], { env, encoding: "utf8" }),
  );
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))];
}

function measure(file) {
  loadTimeMs(file); // warm the file cache, as a Lambda's image is warm on disk
  const samples = Array.from({ length: runs }, () => loadTimeMs(file)).sort((a, b) => a - b);
  return { kb: statSync(file).size / 1024, p50: percentile(samples, 0.5), p90: percentile(samples, 0.9) };
}

// The floor: a bundle holding nothing but the SDK's DynamoDB document client, built our way.
const sdkFloorSource = `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
export const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));`;
const floorFile = join(mkdtempSync(join(tmpdir(), "floor-")), "handler.mjs");
await bundleLambda({
  appDir: fileURLToPath(new URL("../packages/adapters", import.meta.url)),
  outfile: floorFile,
  source: sdkFloorSource,
});
const floor = measure(floorFile);

const rows = [];
for (const app of positionals) {
  const appDir = resolve(app);
  const baselineFile = join(mkdtempSync(join(tmpdir(), "baseline-")), "handler.mjs");
  await bundleLambda({ appDir });
  await bundleLambda({ appDir, outfile: baselineFile, optimized: false });
  const ours = measure(join(appDir, "dist/handler.mjs"));
  const baseline = measure(baselineFile);
  rows.push({ app: basename(appDir), ours, baseline });
}

const maxKb = values["max-kb"] ? Number(values["max-kb"]) : undefined;
const maxMs = values["max-ms"] ? Number(values["max-ms"]) : undefined;
console.log(`module load in a fresh node ${process.version} process, ${runs} runs each`);
console.log(
  `AWS SDK DynamoDB document client alone (the floor for any handler using it): ${floor.kb.toFixed(1)} KB, load p50 ${floor.p50.toFixed(1)} ms`,
);
console.log(
  "| bundle | size KB | load p50 ms | load p90 ms | baseline KB | baseline p50 ms | load ratio | targets |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|---|");
for (const { app, ours, baseline } of rows) {
  const targets = [
    maxKb === undefined ? "" : `${ours.kb <= maxKb ? "ok" : "MISSED"} <${maxKb} KB`,
    maxMs === undefined ? "" : `${ours.p50 <= maxMs ? "ok" : "MISSED"} <${maxMs} ms`,
  ]
    .filter(Boolean)
    .join(", ");
  console.log(
    `| ${app} | ${ours.kb.toFixed(1)} | ${ours.p50.toFixed(1)} | ${ours.p90.toFixed(1)} | ${baseline.kb.toFixed(1)} | ${baseline.p50.toFixed(1)} | ${(ours.p50 / baseline.p50).toFixed(2)} | ${targets} |`,
  );
}
