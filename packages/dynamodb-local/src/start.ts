import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export interface DynamoDbLocalOptions {
  /** Loopback port; a free one is picked when omitted. */
  readonly port?: number;
  /** Folder for a persistent database; in-memory when omitted. */
  readonly dataDir?: string;
  readonly startTimeoutMs?: number;
}

/** How the server's process ended. */
export interface DynamoDbLocalExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The end of what it wrote to stderr, if anything: a crashed JVM's last words. */
  readonly stderr: string;
}

export interface RunningDynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  /** The JVM's process id. */
  readonly pid: number;
  /**
   * Resolves if the server ends without `stop()` having asked it to (it crashed, was killed, ran
   * out of memory); never resolves otherwise.
   */
  readonly died: Promise<DynamoDbLocalExit>;
  stop(): Promise<void>;
}

/** DynamoDB Local 1.25 ships inside amplify-dynamodb-simulator; only its jar is used. */
function emulatorDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("amplify-dynamodb-simulator/package.json")), "emulator");
}

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}`);
    try {
      // Any HTTP answer means the server is up; an unsigned request is answered with a 400.
      await fetch(endpoint, { method: "POST", signal: AbortSignal.timeout(500) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 3000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Starts the real DynamoDB Local (Java 17) on 127.0.0.1; the process dies with its parent. */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<RunningDynamoDbLocal> {
  const port = options.port ?? (await freeLoopbackPort());
  const dir = emulatorDir();
  const storage = options.dataDir ? ["-dbPath", options.dataDir] : ["-inMemory"];
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // DynamoDB Local writes a metadata file into its working directory even when in memory.
  const workDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "dynamodb-local-"));
  const removeWorkDir = () => {
    if (!options.dataDir) rmSync(workDir, { recursive: true, force: true });
  };
  const child = spawn(
    "java",
    [
      `-Djava.library.path=${join(dir, "DynamoDBLocal_lib")}`,
      "-Xms64m",
      // Short-lived test and laptop servers: quick JIT and a simple collector start about 40% faster.
      "-XX:+UseSerialGC",
      "-XX:TieredStopAtLevel=1",
      "-jar",
      join(dir, "DynamoDBLocal.jar"),
      ...storage,
      "-port",
      String(port),
      "-disableTelemetry",
      // One set of tables whatever access key and region a client signs with (the AWS CLI in a
      // shell with real credentials, the handlers with dummy ones).
      "-sharedDb",
    ],
    { stdio: ["ignore", "ignore", "pipe"], cwd: workDir },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let stopping = false;
  const died = new Promise<DynamoDbLocalExit>((resolve) => {
    child.once("exit", (code, signal) => {
      if (!stopping) resolve({ code, signal, stderr: stderr.trim() });
    });
  });

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilServing(endpoint, child, options.startTimeoutMs ?? 120_000);
  } catch (error) {
    stopping = true;
    await stopProcess(child);
    removeWorkDir();
    process.removeListener("exit", killOnExit);
    throw new Error(`${(error as Error).message}${stderr ? `\n${stderr}` : ""}`);
  }
  return {
    endpoint,
    port,
    // Set once spawned: a server that answered has a process id.
    pid: child.pid as number,
    died,
    async stop() {
      stopping = true;
      process.removeListener("exit", killOnExit);
      await stopProcess(child);
      removeWorkDir();
    },
  };
}
