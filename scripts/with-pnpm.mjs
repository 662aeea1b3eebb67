#!/usr/bin/env node
// Runs the root commands with the pinned pnpm, fetching it through npm when the machine has none,
// so every root script works on a machine that has only Node and npm:
//   with-pnpm.mjs start [options]   install and synthesize quietly, then serve the platform
//   with-pnpm.mjs test              install, every package's type check and tests, then lint
//   with-pnpm.mjs [--aws-credentials] [--quiet] -- "<command>" [args]
//                                   install quietly, then run the shell command with pnpm and the
//                                   workspace's binaries on PATH, the extra args appended; with
//                                   --aws-credentials only once the SDK finds credentials, with
//                                   --quiet its output shown only if it fails
// The child gets SIGINT and SIGTERM passed on, and this process exits with its code.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { setPriority } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { whenOrphaned } from "../packages/local/src/orphan-watch.mjs";
import {
  INVOKED_FROM_ENV,
  LAUNCHED_AT_ENV,
  parseStartArgs,
  portProblem,
  startHelp,
} from "../packages/local/src/start-options.mjs";

const launchedAt = Math.round(performance.timeOrigin);
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pinned = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).packageManager.split("@")[1];
const quietEnv = {
  TURBO_TELEMETRY_DISABLED: "1",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  CHECKPOINT_DISABLE: "1",
};

function pnpmVersionOn(path) {
  try {
    return execFileSync("pnpm", ["--version"], {
      encoding: "utf8",
      env: { ...process.env, PATH: path },
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return undefined;
  }
}

// Where the folder of the pnpm npm fetched is remembered: asking npm again costs seconds.
const rememberedPnpm = join(root, "node_modules", ".cache", "with-pnpm", `pnpm-${pinned}`);

/** The folder holding the pinned pnpm: the machine's own, or one npm fetches into its cache once. */
function pnpmDirectory() {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (existsSync(join(dir, "pnpm")) && pnpmVersionOn(dir) === pinned) return dir;
  }
  if (existsSync(rememberedPnpm)) {
    const dir = readFileSync(rememberedPnpm, "utf8").trim();
    if (existsSync(join(dir, "pnpm"))) return dir;
  }
  const found = execFileSync("npm", ["exec", "--yes", `--package=pnpm@${pinned}`, "-c", "command -v pnpm"], {
    encoding: "utf8",
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
  mkdirSync(dirname(rememberedPnpm), { recursive: true });
  writeFileSync(rememberedPnpm, dirname(found));
  return dirname(found);
}

const env = {
  ...process.env,
  ...quietEnv,
  [LAUNCHED_AT_ENV]: String(launchedAt),
  [INVOKED_FROM_ENV]: process.env.INIT_CWD ?? process.cwd(),
};

// Looked up only once a command needs it: --help and option errors answer at once.
let pnpm;
function pnpmCommand() {
  if (!pnpm) {
    const dir = pnpmDirectory();
    env.PATH = [dir, join(root, "node_modules", ".bin"), process.env.PATH].join(delimiter);
    pnpm = join(dir, "pnpm");
  }
  return pnpm;
}

/** Runs a child with the terminal, passing SIGINT and SIGTERM on; resolves with its exit code. */
function run(command, args, { lowPriority = false, ...options } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: "inherit", ...options });
    if (lowPriority && child.pid) setPriority(child.pid, 10);
    const output = [];
    child.stdout?.on("data", (chunk) => output.push(chunk));
    child.stderr?.on("data", (chunk) => output.push(chunk));
    const forward = (signal) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    const stopWatching = whenOrphaned(() => forward("SIGTERM"));
    child.once("error", (error) => {
      console.error(`${command}: ${error.message}`);
      resolve({ code: 127, output: "" });
    });
    child.once("close", (code, signal) => {
      process.removeListener("SIGINT", forward);
      process.removeListener("SIGTERM", forward);
      stopWatching();
      resolve({ code: code ?? (signal === "SIGINT" ? 130 : 143), output: Buffer.concat(output).toString() });
    });
  });
}

/** Runs a build step with its output held back, shown only when it fails. */
async function quietly(what, command, args, options = {}) {
  const { code, output } = await run(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  if (code !== 0) {
    process.stderr.write(output);
    console.error(`${what} failed (exit ${code})`);
    process.exit(code);
  }
}

const install = () =>
  quietly("pnpm install", pnpmCommand(), [
    "install",
    process.env.CI ? "--frozen-lockfile" : "--prefer-offline",
  ]);

async function start(args) {
  const parsed = parseStartArgs(args);
  if (parsed.error) {
    console.error(`npm start: ${parsed.error} (npm start -- --help lists the options)`);
    process.exit(2);
  }
  if (parsed.values.help) {
    console.log(startHelp());
    process.exit(0);
  }
  const taken = await portProblem(parsed.values.port);
  if (taken) {
    console.error(`npm start: ${taken}`);
    process.exit(1);
  }
  console.log("• installing dependencies (output shown only on failure)");
  await install();
  // A deploy-ready infra/cdktf.out sits beside the running platform; synthesized at low priority
  // beside the start, so it does not delay the first answer, and reported only if it fails.
  const synth = run(
    pnpm,
    ["exec", "turbo", "run", "synth", "--filter=@personalize-ab/infra", "--output-logs=errors-only"],
    {
      stdio: ["ignore", "pipe", "pipe"],
      lowPriority: true,
    },
  ).then(({ code, output }) => {
    if (code !== 0 && code !== 130 && code !== 143) {
      process.stderr.write(`${output}\nsynth failed (exit ${code}); the platform keeps serving\n`);
    }
  });
  const { code } = await run(process.execPath, ["--import", "tsx", "src/main.ts", ...args], {
    cwd: join(root, "packages", "local"),
  });
  await synth;
  process.exit(code);
}

async function test() {
  await install();
  // Two at a time: each test run starts a JVM for DynamoDB Local, and these machines have two cores.
  const turbo = await run(pnpm, [
    "exec",
    "turbo",
    "run",
    "typecheck",
    "test",
    "--continue",
    "--concurrency=2",
  ]);
  if (turbo.code !== 0) process.exit(turbo.code);
  const lint = await run(pnpm, ["exec", "biome", "ci", ".", ...(process.env.CI ? ["--colors=off"] : [])]);
  process.exit(lint.code);
}

const shellQuote = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`);

async function command(args) {
  const separator = args.indexOf("--");
  const flags = args.slice(0, separator);
  const [line, ...extra] = args.slice(separator + 1);
  if (separator < 0 || !line) {
    console.error('usage: with-pnpm.mjs [--aws-credentials] [--quiet] -- "<command>" [args]');
    process.exit(2);
  }
  await install();
  if (flags.includes("--aws-credentials")) {
    const check = await run(process.execPath, [join(root, "scripts", "require-aws-credentials.mjs")]);
    if (check.code !== 0) process.exit(check.code);
  }
  const shellLine = [line, ...extra.map(shellQuote)].join(" ");
  if (flags.includes("--quiet")) {
    await quietly(line, shellLine, [], { shell: true });
    console.log(`${process.env.npm_lifecycle_event ?? line}: done`);
    process.exit(0);
  }
  const { code } = await run(shellLine, [], { shell: true });
  process.exit(code);
}

const [task, ...rest] = process.argv.slice(2);
if (task === "start") await start(rest);
else if (task === "test") await test();
else await command(process.argv.slice(2));
