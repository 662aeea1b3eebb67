import { existsSync } from "node:fs";
import { join } from "node:path";
import { repositoryRoot } from "../repository-root";

/** The console's static build, as `pnpm --filter @personalize-ab/console build` writes it. */
export function consoleSiteDirectory(root: string = repositoryRoot()): string {
  const directory = join(root, "packages", "console", "dist", "site");
  if (!existsSync(join(directory, "index.html"))) {
    throw new Error(
      `The console is enabled but ${directory} has no build: run pnpm --filter @personalize-ab/console build (pnpm synth does)`,
    );
  }
  return directory;
}
