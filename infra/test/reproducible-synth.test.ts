import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { ALL_FUNCTION_DEFINITIONS } from "@personalize-ab/domain";
import { describe, expect, it } from "vitest";
import { createPlatformApp } from "../src/platform-app";
import { repositoryRoot } from "../src/repository-root";
import { synthWorkspace } from "./support/synth-workspace";

const repo = repositoryRoot();
const ALL_FUNCTIONS = ALL_FUNCTION_DEFINITIONS;

/** Builds every catalog app that has a handler, with its own `build` script's bundler. */
function buildApps(): string[] {
  const built: string[] = [];
  for (const { app } of ALL_FUNCTIONS) {
    const dir = join(repo, "apps", app);
    if (!existsSync(join(dir, "src", "handler.ts"))) continue;
    execFileSync(process.execPath, [join(repo, "scripts", "bundle-lambda.mjs")], { cwd: dir, stdio: "pipe" });
    built.push(app);
  }
  return built;
}

/** Builds, then synthesizes into a fresh folder with a fresh archive cache, so nothing is reused. */
function buildAndSynth(): { outdir: string; built: string[] } {
  const built = buildApps();
  const workspace = synthWorkspace();
  const outdir = mkdtempSync(join(tmpdir(), "infra-reproducible-"));
  createPlatformApp({
    outdir,
    env: {},
    bundles: { appsRoot: join(workspace.root, "apps"), archiveDirectory: join(workspace.root, "archives") },
  }).synth();
  return { outdir, built };
}

function filesUnder(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path), readFileSync(path));
    }
  };
  walk(root);
  return files;
}

describe("reproducible synth", () => {
  it("gives byte-identical Terraform JSON and assets for two consecutive builds", () => {
    const first = buildAndSynth();
    const second = buildAndSynth();
    const a = filesUnder(first.outdir);
    const b = filesUnder(second.outdir);
    expect([...b.keys()]).toEqual([...a.keys()]);
    expect([...a.keys()].filter((path) => path.endsWith(".zip")).length).toBe(2 * ALL_FUNCTIONS.length);
    for (const [path, bytes] of a) expect(b.get(path)?.equals(bytes), path).toBe(true);
    // At least one real app bundle went through the comparison, not only stand-ins.
    expect(first.built.length).toBeGreaterThan(0);
  }, 600_000); // two builds and synths: 22 s on a quiet machine, over 120 s seen at load 24
});
