import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ALL_FUNCTION_DEFINITIONS } from "@personalize-ab/domain";
import { repositoryRoot } from "../../src/repository-root";
import { writeBundle } from "./temporary-bundles";

export interface SynthWorkspace {
  /** A folder that looks like the repository to the synth: pnpm-workspace.yaml, apps/, infra/. */
  readonly root: string;
  /** Apps whose real bundle (apps/<app>/dist) is linked in. */
  readonly builtApps: readonly string[];
  /** Apps with no bundle in the repository yet, given a one-line stand-in so the stack is complete. */
  readonly standInApps: readonly string[];
}

/**
 * A throwaway repository layout for synthesizing with the real bundles of every app that has been
 * built, so a synth here reads exactly the bytes `pnpm build` produced.
 */
export function synthWorkspace(options: { readonly withoutApps?: readonly string[] } = {}): SynthWorkspace {
  const repo = repositoryRoot();
  const root = mkdtempSync(join(tmpdir(), "infra-workspace-"));
  writeFileSync(join(root, "pnpm-workspace.yaml"), "packages: []\n");
  mkdirSync(join(root, "infra"));
  const builtApps: string[] = [];
  const standInApps: string[] = [];
  for (const { app } of ALL_FUNCTION_DEFINITIONS) {
    if (options.withoutApps?.includes(app)) continue;
    const dist = join(repo, "apps", app, "dist");
    if (existsSync(join(dist, "handler.mjs"))) {
      mkdirSync(join(root, "apps", app), { recursive: true });
      symlinkSync(dist, join(root, "apps", app, "dist"));
      builtApps.push(app);
    } else {
      writeBundle(join(root, "apps"), app, `export const handler = async () => ({ statusCode: 503 });\n`);
      standInApps.push(app);
    }
  }
  return { root, builtApps, standInApps };
}
