import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { processesMatching } from "../src/processes";

const planted: ChildProcess[] = [];

/** A harmless process whose command line carries `args`, as a leftover DynamoDB Local JVM's would. */
async function plant(...args: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)", "--", ...args], {
    stdio: "ignore",
  });
  planted.push(child);
  await new Promise((resolve, reject) => child.once("spawn", resolve).once("error", reject));
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

afterEach(async () => {
  for (const child of planted.splice(0)) await stop(child);
});

describe("processesMatching", () => {
  it("finds a planted leftover whose pattern starts with a dash, and nothing once it is gone", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "leftover-"));
    const pattern = `-dbPath ${dataDir}`;
    expect(processesMatching(pattern)).toEqual([]);
    const leftover = await plant("-dbPath", dataDir);
    expect(processesMatching(pattern)).toEqual([leftover.pid]);
    await stop(leftover);
    expect(processesMatching(pattern)).toEqual([]);
  });

  it("throws on a pgrep failure instead of reporting no process", () => {
    // An unbalanced parenthesis is not a valid regex: pgrep exits 2, which must not read as "none".
    expect(() => processesMatching("-dbPath (")).toThrow(/pgrep -f -- "-dbPath \(" failed/);
  });
});
