import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { processesMatching } from "@personalize-ab/dynamodb-local/processes";

export interface Launched {
  readonly child: ChildProcess;
  readonly url: string;
  /** The DynamoDB Local the command started, as its banner prints it. */
  readonly dynamodbEndpoint: string;
  readonly output: () => string;
  readonly readySeconds: number;
  /** The status of the request the command makes itself before it says it serves. */
  readonly firstStatus: number;
}

interface Started {
  readonly child: ChildProcess;
  /** Command-line patterns of the DynamoDB Local JVM it started, once known. */
  readonly jvmPatterns: string[];
}

const startedCommands: Started[] = [];

const READY = /serving on (http:\/\/127\.0\.0\.1:\d+) \(first request answered (\d{3}) ([\d.]+) s/;
// Printed whole, in one line, long before the banner.
const DYNAMODB_LINE = /DynamoDB Local on (http:\/\/127\.0\.0\.1:(\d+))[ \n]/;

/** A DynamoDB Local JVM's command line, by its port. */
export const jvmOnPort = (port: number | string) => `DynamoDBLocal.jar.*-port ${port}( |$)`;

/**
 * Runs the main command as a user would (`--port 0`, plus `args`), and waits for it to say where
 * it serves. Every command started is remembered for `stopEverythingStarted`.
 */
export async function launch(args: readonly string[], readyWithinMs = 240_000): Promise<Launched> {
  // Node itself with tsx's loader: a signal reaches the main command, with no runner between
  // them to answer it on its own (the wrappers are the README test's).
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", "--port", "0", ...args], {
    cwd: join(import.meta.dirname, "../.."),
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const dataDirAt = args.indexOf("--data-dir");
  const dataDir = dataDirAt >= 0 ? args[dataDirAt + 1] : undefined;
  const started: Started = {
    child,
    jvmPatterns: args.includes("--persist") && dataDir ? [`-dbPath ${dataDir}`] : [],
  };
  startedCommands.push(started);
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk;
    const port = DYNAMODB_LINE.exec(output)?.[2];
    if (port && !started.jvmPatterns.includes(jvmOnPort(port))) started.jvmPatterns.push(jvmOnPort(port));
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
    const giveUp = setTimeout(
      () => finish(new Error(`no banner within ${readyWithinMs} ms:\n${output}`)),
      readyWithinMs,
    );
    const poll = setInterval(() => {
      const match = READY.exec(output);
      if (match) finish(undefined, match);
    }, 100);
    const onExit = (code: number | null) => finish(new Error(`main command exited with ${code}:\n${output}`));
    const finish = (error?: Error, match?: RegExpExecArray) => {
      clearTimeout(giveUp);
      clearInterval(poll);
      child.off("exit", onExit);
      if (match) resolve(match);
      else reject(error);
    };
    child.once("exit", onExit);
  });
  return {
    child,
    url: ready[1]!,
    firstStatus: Number(ready[2]),
    readySeconds: Number(ready[3]),
    dynamodbEndpoint: DYNAMODB_LINE.exec(output)![1]!,
    output: () => output,
  };
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Ctrl-C, as a user stops it; resolves with the exit code. */
export async function interrupt(launched: Pick<Launched, "child">): Promise<number | null> {
  if (hasExited(launched.child)) return launched.child.exitCode;
  const exited = new Promise<number | null>((resolve) => launched.child.once("exit", resolve));
  launched.child.kill("SIGINT");
  return exited;
}

/**
 * For afterAll, whatever the test did or failed to do: every command started is interrupted (and
 * killed if it does not stop in time), and any DynamoDB Local JVM one of them left is killed.
 */
export async function stopEverythingStarted(graceMs = 20_000): Promise<void> {
  for (const { child, jvmPatterns } of startedCommands.splice(0)) {
    if (!hasExited(child)) {
      const force = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await interrupt({ child });
      clearTimeout(force);
    }
    for (const pid of jvmPatterns.flatMap(processesMatching)) {
      try {
        // A stopped JVM ignores SIGTERM until continued; SIGKILL ends it either way.
        process.kill(pid, "SIGKILL");
      } catch {
        // Gone between the look-up and the kill.
      }
    }
  }
}
