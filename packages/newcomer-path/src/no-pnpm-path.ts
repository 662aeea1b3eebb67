import { existsSync, mkdtempSync, readdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

/** What a newcomer's machine does not have: pnpm (and its relatives) and any workspace binary. */
const HIDDEN = new Set(["pnpm", "pnpx", "corepack", "yarn", "yarnpkg"]);

/**
 * A PATH of one folder linking every program on this PATH except pnpm and its relatives, and
 * nothing from a node_modules/.bin: Node, npm, Java, the AWS CLI and the shell tools, as on a
 * machine that has only those installed.
 */
export function pathWithoutPnpm(path = process.env.PATH ?? ""): string {
  const bin = mkdtempSync(join(tmpdir(), "no-pnpm-bin-"));
  const linked = new Set<string>();
  for (const dir of path.split(delimiter)) {
    if (!dir || dir.includes("node_modules") || dir.includes("pnpm") || !existsSync(dir)) continue;
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (HIDDEN.has(name) || linked.has(name)) continue;
      linked.add(name);
      symlinkSync(join(dir, name), join(bin, name));
    }
  }
  return bin;
}
