import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { synthWorkspace } from "./support/synth-workspace";

const main = join(import.meta.dirname, "..", "src", "main.ts");
const runSynth = (cwd: string) =>
  spawnSync(process.execPath, ["--import", import.meta.resolve("tsx"), main], { cwd, encoding: "utf8" });

describe("the synth entry point", () => {
  it("writes every environment's stack", () => {
    const workspace = synthWorkspace();
    const result = runSynth(workspace.root);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(workspace.root, "cdktf.out", "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual(["dev", "prod"]);
  });

  it("stops with the missing bundle and the command that builds it", () => {
    const workspace = synthWorkspace({ withoutApps: ["recommendations"] });
    const result = runSynth(workspace.root);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Lambda bundle for app "recommendations" is missing: apps/recommendations/dist/handler.mjs. ' +
        'Build it with "pnpm --filter @personalize-ab/recommendations build" (or "pnpm build" for every app).',
    );
  });
});
