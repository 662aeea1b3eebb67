import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Standard output and error, interleaved as they came. */
  readonly output: string;
  readonly stdout: string;
  readonly ms: number;
}

export interface Running {
  readonly child: ChildProcess;
  output(): string;
  readonly finished: Promise<Finished>;
  /** Resolves with the first match of `pattern` in the output; rejects if the command ends first. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
}

/** Starts a program of the no-pnpm bin folder in the clone, in its own process group. */
export function launch(
  bin: string,
  program: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Running {
  const started = performance.now();
  const child = spawn(join(bin, program), args, {
    ...options,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let stdout = "";
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    append(chunk);
  });
  child.stderr?.on("data", append);
  const finished = new Promise<Finished>((resolve) =>
    child.once("close", (code, signal) =>
      resolve({ code, signal, output, stdout, ms: performance.now() - started }),
    ),
  );
  return {
    child,
    output: () => output,
    finished,
    waitFor(pattern) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) {
            listeners.delete(check);
            resolve(match);
          }
        };
        listeners.add(check);
        check();
        void finished.then(({ code }) => {
          if (listeners.has(check)) reject(new Error(`ended (exit ${code}) before ${pattern}:\n${output}`));
        });
      });
    },
  };
}

/** Runs a shell command line (here-documents included) to its end. */
export function runShell(
  bin: string,
  line: string,
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<Finished> {
  return launch(bin, "bash", ["-c", line], options).finished;
}
