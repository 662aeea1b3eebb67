import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { processesMatching } from "@personalize-ab/dynamodb-local/processes";
import { afterAll, describe, expect, it } from "vitest";
import { interrupt, launch, stopEverythingStarted } from "./support/main-command";

// However the test ends, no main command and no DynamoDB Local JVM of it is left running.
afterAll(() => stopEverythingStarted());

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
    const persisted = ["--persist", "--data-dir", dataDir];
    const first = await launch(persisted);
    expect(first.readySeconds).toBeGreaterThan(0);
    expect(first.firstStatus).toBe(200);
    expect(first.output()).toMatch(/loaded 1000 users, 2000 items and \d+ recent events/);
    const firstAnswer = await assign(first.url, "returning-user");
    expect(firstAnswer.variant).toMatch(/^variant_[abc]$/);

    expect(await interrupt(first)).toBe(0);
    expect(processesMatching(`-dbPath ${dataDir}`)).toEqual([]);
    await expect(fetch(`${first.url}/assignments`, { method: "POST" })).rejects.toThrow();

    const second = await launch(persisted);
    expect(second.output()).toContain("sample catalog already loaded");
    // A different variant could only come from a fresh hash with other weights: the stored one is read back.
    expect((await assign(second.url, "returning-user")).variant).toBe(firstAnswer.variant);
    expect(await interrupt(second)).toBe(0);
    expect(processesMatching(`-dbPath ${dataDir}`)).toEqual([]);
  }, 300_000);
});
