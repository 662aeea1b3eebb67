import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** The monorepo root: the nearest folder above `from` holding pnpm-workspace.yaml. */
export function repositoryRoot(from: string = process.cwd()): string {
  let dir = from;
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`No pnpm-workspace.yaml above ${from}: run from inside the repository`);
    dir = parent;
  }
  return dir;
}
