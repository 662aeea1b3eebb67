import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { createPlatformApp } from "../../src/platform-app";
import { temporaryBundles } from "./temporary-bundles";

declare module "vitest" {
  export interface ProvidedContext {
    /** cdktf.out of one synth of every environment, shared by all test files. */
    platformOutdir: string;
  }
}

/** Synthesizes the platform once per test run instead of once per test file. */
export default function setup(project: TestProject): () => void {
  const outdir = mkdtempSync(join(tmpdir(), "infra-synth-"));
  const bundles = temporaryBundles();
  createPlatformApp({ outdir, bundles, env: {} }).synth();
  project.provide("platformOutdir", outdir);
  return () => {
    rmSync(outdir, { recursive: true, force: true });
    rmSync(join(bundles.appsRoot, ".."), { recursive: true, force: true });
  };
}
