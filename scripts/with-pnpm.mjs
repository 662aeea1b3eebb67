#!/usr/bin/env node
// Runs the root workflow with the pinned pnpm, fetching it through npm when the machine has none,
// so `npm test` and `npm start` work on a fresh machine that has only Node and npm.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const rootPackage = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const pinned = rootPackage.packageManager.split("@")[1];
const rootScripts = rootPackage.scripts ?? {};
const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: "1",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  CHECKPOINT_DISABLE: "1",
};

function installedPnpmVersion() {
  try {
    return execFileSync("pnpm", ["--version"], {
      encoding: "utf8",
      env,
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return undefined;
  }
}

const pnpm =
  installedPnpmVersion() === pinned
    ? ["pnpm"]
    : ["npm", "exec", "--yes", `--package=pnpm@${pinned}`, "--", "pnpm"];

function run(args, stdio = "inherit") {
  const [command, ...rest] = [...pnpm, ...args];
  const result = spawnSync(command, rest, { cwd: root, env, stdio });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Command-line tools of the repository, run as `npm run <name> -- …` or `pnpm <name> …`.
const TOOLS = {
  experiment: "packages/experiment-cli/src/main.ts",
  simulate: "packages/traffic-simulator/src/main.ts",
};

const task = process.argv[2];
const install = ["install", process.env.CI ? "--frozen-lockfile" : "--prefer-offline"];
if (task in TOOLS) {
  // A tool's output may be piped (--json): the install's progress goes to stderr.
  run(install, ["ignore", process.stderr, process.stderr]);
  const tool = spawnSync(
    join(root, "node_modules", ".bin", "tsx"),
    [join(root, TOOLS[task]), ...process.argv.slice(3)],
    {
      cwd: process.cwd(),
      env,
      stdio: "inherit",
    },
  );
  process.exit(tool.status ?? 1);
}
run(install);
if (task === "test") {
  // Two at a time: each test run starts a JVM for DynamoDB Local, and these machines have two cores.
  run(["exec", "turbo", "run", "typecheck", "test", "--continue", "--concurrency=2"]);
  run(["exec", "biome", "ci", ".", ...(process.env.CI ? ["--colors=off"] : [])]);
} else if (task === "start") {
  // Synthesize the Terraform first, so a deploy-ready cdktf.out sits beside the running platform.
  if (rootScripts.synth) run(["run", "synth"]);
  run(["--filter", "@personalize-ab/local", "start", ...process.argv.slice(3)]);
} else {
  console.error(`unknown task: ${task}`);
  process.exit(2);
}
