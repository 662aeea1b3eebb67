import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { START_OPTIONS } from "../../local/src/start-options.mjs";
import { processesMarked } from "../src/marked-processes";
import { pathWithoutPnpm } from "../src/no-pnpm-path";
import { type ReadmeCommand, readmeCommands } from "../src/readme-commands";
import { type Finished, launch, type Running, runShell } from "../src/run-in-clone";

const REPOSITORY = resolve(import.meta.dirname, "../../..");
const MARK = "NEWCOMER_PATH_RUN";
const runId = `${process.pid}-${Date.now()}`;

let clone: string;
let bin: string;
let env: NodeJS.ProcessEnv;

// What a newcomer's shell has: no AWS settings, no pnpm, nothing a workspace script exported.
function newcomerEnvironment(path: string): NodeJS.ProcessEnv {
  const kept = ["HOME", "LANG", "LC_ALL", "TMPDIR", "JAVA_HOME", "CI", "USER"];
  return {
    ...Object.fromEntries(kept.filter((name) => process.env[name]).map((name) => [name, process.env[name]])),
    PATH: path,
    // The AWS CLI would page its answers on a terminal; there is none here.
    AWS_PAGER: "",
    [MARK]: runId,
  };
}

async function freePort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

const npm = (args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Running =>
  launch(bin, "npm", args, { cwd: clone, env: { ...env, ...extraEnv } });
const shell = (line: string): Promise<Finished> => runShell(bin, line, { cwd: clone, env });

beforeAll(() => {
  clone = join(mkdtempSync(join(tmpdir(), "fresh-clone-")), "personalize-ab");
  execFileSync("git", ["clone", "--quiet", REPOSITORY, clone]);
  bin = pathWithoutPnpm();
  env = newcomerEnvironment(bin);
});

afterAll(() => {
  for (const pid of processesMarked(MARK, runId)) process.kill(pid, "SIGKILL");
  if (clone) rmSync(resolve(clone, ".."), { recursive: true, force: true });
  if (bin) rmSync(bin, { recursive: true, force: true });
});

const commands = readmeCommands(readFileSync(join(REPOSITORY, "README.md"), "utf8"));
const startCommands = commands.filter((command) => /^npm start\b/.test(command.text));
const otherCommands = commands.filter((command) => !/^npm (start|test)\b/.test(command.text));

/** What the README says each command does, checked on its answer. */
function expectDoneAsSaid(command: ReadmeCommand, result: Finished, url: string): void {
  const said = `${command.text}\n${result.output}`;
  if (/^npm run (deploy|diff):/.test(command.text)) {
    expect(result.code, said).not.toBe(0);
    expect(result.output, said).toContain("no AWS credentials found: set AWS_ACCESS_KEY_ID");
    expect(result.output, said).not.toMatch(/ERR_PNPM|registry|\n\s+at /);
    return;
  }
  if (/^npm run personalize:train/.test(command.text)) {
    expect(result.code, said).not.toBe(0);
    expect(result.output, said).toContain("no AWS region (set AWS_REGION) and no AWS credentials");
    expect(result.output, said).not.toMatch(/ERR_PNPM|\n\s+at /);
    return;
  }
  expect(result.code, said).toBe(0);
  if (/^npm run synth/.test(command.text))
    expect(existsSync(join(clone, "infra/cdktf.out/manifest.json"))).toBe(true);
  if (/^npm run infra:summary/.test(command.text))
    expect(result.output).toContain("# Infrastructure summary");
  if (/^npm run experiment -- create /.test(command.text))
    expect(result.stdout, said).toContain("homepage_carousel (active, version 1)");
  if (/^npm run experiment -- complete /.test(command.text))
    expect(result.stdout, said).toContain("homepage_carousel (completed, winner treatment, version 5)");
  if (command.text.includes('"test_name": "homepage_carousel"')) {
    expect(JSON.parse(result.stdout.trim()), `${url}: ${said}`).toMatchObject({
      test_name: "homepage_carousel",
      variant: expect.stringMatching(/^(control|treatment)$/),
    });
  }
}

interface Session {
  readonly running: Running;
  readonly url: string;
  readonly dynamodb: string;
}

async function startSession(args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Session> {
  const running = npm(["start", ...(args.length > 0 ? ["--", ...args] : [])], extraEnv);
  await running.waitFor(/Ctrl-C stops everything\./);
  const output = running.output();
  const url =
    /serving on (http:\/\/127\.0\.0\.1:\d+) \(first request answered 200 ([\d.]+) s after launch\)/.exec(
      output,
    );
  expect(url, output).not.toBeNull();
  console.log(`npm start ${args.join(" ")}: first answer ${url![2]} s after launch`);
  const dynamodb = /--endpoint (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!;
  return { running, url: url![1]!, dynamodb };
}

/** Stops a session as asked, and checks that it ended with 0, quietly, leaving no process behind. */
async function stopSession(session: Session, how: "ctrl-c" | "sigterm"): Promise<void> {
  const pid = session.running.child.pid!;
  if (how === "ctrl-c") process.kill(-pid, "SIGINT");
  else process.kill(pid, "SIGTERM");
  const finished = await Promise.race([
    session.running.finished,
    new Promise<undefined>((done) => setTimeout(() => done(undefined), 90_000)),
  ]);
  if (!finished) throw new Error(`npm start did not end after ${how}:\n${session.running.output()}`);
  expect(finished.code, finished.output).toBe(0);
  expect(finished.output).not.toMatch(/ERR_PNPM|ELIFECYCLE|npm error/);
  // Every process of the session carries the run's mark, whatever it became (DynamoDB Local, tsx).
  await expect.poll(() => processesMarked(MARK, runId), { timeout: 30_000, interval: 250 }).toEqual([]);
}

describe("a newcomer following the README in a fresh clone, with only Node and npm", () => {
  it("has no pnpm on the PATH it uses", async () => {
    expect(existsSync(join(bin, "pnpm"))).toBe(false);
    expect(existsSync(join(bin, "npm"))).toBe(true);
    expect((await shell("command -v pnpm || echo none")).output.trim()).toBe("none");
  });

  it("is told at once, in one line and before anything is installed, that the port is taken", async () => {
    const server = createServer();
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const { port } = server.address() as { port: number };
    try {
      const result = await npm(["start", "--", "--port", String(port)]).finished;
      console.log(`npm start on a taken port exited ${result.code} after ${(result.ms / 1000).toFixed(2)} s`);
      expect(result.code).toBe(1);
      const lines = result.output.split("\n").filter((line) => line.startsWith("npm start:"));
      expect(lines).toEqual([
        `npm start: port ${port} is already in use; choose another with: npm start -- --port ${port + 1}`,
      ]);
      expect(result.output).not.toMatch(/EADDRINUSE|\n\s+at /);
      // It checked before installing: the fresh clone still has no dependencies.
      expect(existsSync(join(clone, "node_modules"))).toBe(false);
    } finally {
      server.close();
    }
  });

  it("gets every option from --help, and one line for a mistyped one", async () => {
    const help = await npm(["start", "--", "--help"]).finished;
    expect(help.code).toBe(0);
    for (const name of Object.keys(START_OPTIONS)) expect(help.output).toContain(`--${name}`);
    const mistyped = await npm(["start", "--", "--prot", "3100"]).finished;
    expect(mistyped.code).toBe(2);
    expect(mistyped.output.split("\n").filter((line) => line.startsWith("npm start:"))).toEqual([
      "npm start: Unknown option '--prot' (npm start -- --help lists the options)",
    ]);
  });

  it("finds a process left behind by its mark (the leftover check can fail)", async () => {
    const planted = spawn("sleep", ["300"], { env: { ...env, PATH: bin }, detached: true, stdio: "ignore" });
    try {
      await expect.poll(() => processesMarked(MARK, runId), { timeout: 5000 }).toContain(planted.pid);
    } finally {
      planted.kill("SIGKILL");
    }
    await expect.poll(() => processesMarked(MARK, runId), { timeout: 5000 }).toEqual([]);
  });

  it("runs every command of the README as it says", async () => {
    expect(commands.map((command) => command.text)).toContain("npm test"); // what runs this test
    expect(startCommands.length).toBeGreaterThan(0);
    const port = await freePort();
    // The first platform hosts every other command: the loop is start, then use it.
    const session = await startSession(["--port", String(port)]);
    try {
      for (const command of otherCommands) {
        const line = command.text
          .replaceAll("http://127.0.0.1:3000", session.url)
          .replaceAll("<DynamoDB Local URL printed by npm start>", session.dynamodb);
        const result = await shell(line);
        expectDoneAsSaid(command, result, session.url);
      }
      // The banner's own commands, pasted as printed.
      const banner = session.running.output();
      const pasted = banner
        .slice(banner.indexOf("Try the recipe's own validation calls:"))
        .split("\n")
        .slice(1)
        .filter((line) => /^ {2}(curl|AWS_ACCESS_KEY_ID)/.test(line));
      expect(pasted.length).toBeGreaterThanOrEqual(5);
      for (const line of pasted) {
        const result = await shell(line.trim());
        expect(result.code, `${line}\n${result.output}`).toBe(0);
        expect(result.output).not.toMatch(/"error"|Not Found/);
      }
    } finally {
      await stopSession(session, "ctrl-c");
    }

    for (const command of startCommands) {
      const args = command.text
        .replace(/^npm start(\s+--)?\s*/, "")
        .split(/\s+/)
        .filter(Boolean);
      if (args.includes("--help")) {
        const help = await npm(["start", "--", ...args]).finished;
        expect(help.code).toBe(0);
        expect(help.output).toContain("usage: npm start -- [options]");
        continue;
      }
      const dataDir = mkdtempSync(join(tmpdir(), "ab-data-"));
      const given = args
        .map((arg) => (arg === "/tmp/ab-data" ? dataDir : arg))
        .map((arg, i, all) => (all[i - 1] === "--port" ? String(port) : arg));
      const withPort = given.includes("--port") ? given : [...given, "--port", String(port)];
      const started = await startSession(withPort);
      try {
        const expectedDir = given.includes("--data-dir") ? dataDir : join(clone, ".local-data/dynamodb");
        if (given.includes("--persist")) {
          expect(started.running.output()).toContain(`Data is kept in ${expectedDir}.`);
          expect(existsSync(expectedDir)).toBe(true);
        }
        const health = await fetch(`${started.url}/health`, { signal: AbortSignal.timeout(60_000) });
        expect(health.status).toBe(200);
      } finally {
        await stopSession(started, "sigterm");
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
