import type { CommandIo } from "../src/command-io";
import { runCli } from "../src/run-cli";
import type { CliRun } from "./run-experiment";

/** Runs an `experiment` command in this process, capturing what it prints. */
export async function runInProcess(
  args: readonly string[],
  io: Partial<Pick<CommandIo, "env" | "repositoryRoot">> = {},
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    cwd: process.cwd(),
    env: io.env ?? {},
    repositoryRoot: io.repositoryRoot ?? process.cwd(),
  });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}
