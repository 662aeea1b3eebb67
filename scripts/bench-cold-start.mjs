#!/usr/bin/env node
// Cold-start figures of Lambda bundles: size, and module-load time in fresh Node processes
// (median and p90 of N runs), beside a baseline bundle of the same handler built the common
// default way, measured in the same run. Usage: bench-cold-start.mjs <appDir> [--runs N]
//   [--max-kb K] [--max-ms M]
import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  statSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { bundleLambda, POWERTOOLS_LAYER_PACKAGES } from "./bundle-lambda.mjs";

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

const repositoryRoot = fileURLToPath(new URL("..", import.meta.url));

/**
 * A copy of a bundle beside a node_modules holding the layer's packages, as a function sees its
 * layer at run time: load time then includes reading them, so the figures stay honest.
 */
function besideLayer(file) {
  const root = mkdtempSync(join(tmpdir(), "layer-"));
  const installed = join(repositoryRoot, "packages/adapters/node_modules/@aws-lambda-powertools");
  mkdirSync(join(root, "node_modules/@aws-lambda-powertools"), { recursive: true });
  for (const name of readdirSync(installed)) {
    symlinkSync(realpathSync(join(installed, name)), join(root, "node_modules/@aws-lambda-powertools", name));
  }
  mkdirSync(join(root, "task"));
  const copy = join(root, "task", basename(file));
  copyFileSync(file, copy);
  return copy;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))];
}

function measure(file, { layer = false } = {}) {
  const loaded = layer ? besideLayer(file) : file;
  loadTimeMs(loaded); // warm the file cache, as a Lambda's image is warm on disk
  const samples = Array.from({ length: runs }, () => loadTimeMs(loaded)).sort((a, b) => a - b);
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
  const variantFile = async (variant) => {
    const file = join(mkdtempSync(join(tmpdir(), `${variant}-`)), "handler.mjs");
    await bundleLambda({ appDir, outfile: file, variant });
    return file;
  };
  const ours = measure(join(appDir, "dist/handler.mjs"));
  const noTracer = measure(await variantFile("no-tracer"));
  const layer = measure(await variantFile("layer"), { layer: true });
  const baseline = measure(baselineFile);
  rows.push({ app: basename(appDir), ours, noTracer, layer, baseline });
}

const maxKb = values["max-kb"] ? Number(values["max-kb"]) : undefined;
const maxMs = values["max-ms"] ? Number(values["max-ms"]) : undefined;
console.log(`module load in a fresh node ${process.version} process, ${runs} runs each`);
console.log(
  `variants: without the Tracer (SDK clients untraced); with the Powertools layer (${POWERTOOLS_LAYER_PACKAGES.join(", ")} left out of the bundle and loaded from a node_modules beside it, as from a layer)`,
);
console.log(
  `AWS SDK DynamoDB document client alone (the floor for any handler using it): ${floor.kb.toFixed(1)} KB, load p50 ${floor.p50.toFixed(1)} ms`,
);
console.log(
  "| bundle | size KB | load p50 ms | load p90 ms | without Tracer KB / p50 ms | Tracer from the layer KB / p50 ms | default build KB / p50 ms | load ratio to default | targets |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---|");
const pair = (m) => `${m.kb.toFixed(1)} / ${m.p50.toFixed(1)}`;
for (const { app, ours, noTracer, layer, baseline } of rows) {
  const targets = [
    maxKb === undefined ? "" : `${ours.kb <= maxKb ? "ok" : "MISSED"} <${maxKb} KB`,
    maxMs === undefined ? "" : `${ours.p50 <= maxMs ? "ok" : "MISSED"} <${maxMs} ms`,
  ]
    .filter(Boolean)
    .join(", ");
  console.log(
    `| ${app} | ${ours.kb.toFixed(1)} | ${ours.p50.toFixed(1)} | ${ours.p90.toFixed(1)} | ${pair(noTracer)} | ${pair(layer)} | ${pair(baseline)} | ${(ours.p50 / baseline.p50).toFixed(2)} | ${targets} |`,
  );
}
