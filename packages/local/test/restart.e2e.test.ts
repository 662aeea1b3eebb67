import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { processesMatching } from "@personalize-ab/dynamodb-local/processes";
import { describe, expect, it } from "vitest";

interface Launched {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: () => string;
  readonly readySeconds: number;
}

/** Runs the main command as a user would, and waits for it to say where it serves. */
async function launch(dataDir: string): Promise<Launched> {
  // Node itself with tsx's loader: the signal reaches the main command, with no runner between
  // them to answer it on its own (the wrappers are the README test's).
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/main.ts", "--port", "0", "--persist", "--data-dir", dataDir],
    {
      cwd: join(import.meta.dirname, ".."),
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /serving on (http:\/\/127\.0\.0\.1:\d+) \(first request answered 200 ([\d.]+) s/.exec(
        output,
      );
      if (match) {
        clearInterval(timer);
        resolve(match);
      }
    }, 100);
    child.once("exit", (code) => {
      clearInterval(timer);
      reject(new Error(`main command exited with ${code}:\n${output}`));
    });
  });
  return { child, url: ready[1]!, readySeconds: Number(ready[2]), output: () => output };
}

async function interrupt(launched: Launched): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => launched.child.once("exit", resolve));
  launched.child.kill("SIGINT");
  return exited;
}

async function assign(url: string, userId: string) {
  const response = await fetch(`${url}/assignments`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ user_id: userId }),
  });
  return (await response.json()) as { variant: string };
}

describe("the main command", () => {
  it("says how long it took, stops cleanly on Ctrl-C, and keeps its data across a restart when asked", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "platform-data-"));
    const first = await launch(dataDir);
    expect(first.readySeconds).toBeGreaterThan(0);
    expect(first.output()).toMatch(/loaded 1000 users, 2000 items and \d+ recent events/);
    const firstAnswer = await assign(first.url, "returning-user");
    expect(firstAnswer.variant).toMatch(/^variant_[abc]$/);

    expect(await interrupt(first)).toBe(0);
    expect(processesMatching(`-dbPath ${dataDir}`)).toEqual([]);
    await expect(fetch(`${first.url}/assignments`, { method: "POST" })).rejects.toThrow();

    const second = await launch(dataDir);
    try {
      expect(second.output()).toContain("sample catalog already loaded");
      // A different variant could only come from a fresh hash with other weights: the stored one is read back.
      expect((await assign(second.url, "returning-user")).variant).toBe(firstAnswer.variant);
    } finally {
      expect(await interrupt(second)).toBe(0);
    }
    expect(processesMatching(`-dbPath ${dataDir}`)).toEqual([]);
  }, 300_000);
});
