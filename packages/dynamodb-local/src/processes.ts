import { execFileSync } from "node:child_process";

/**
 * Process ids whose full command line matches `pattern` (an extended regex, as `pgrep -f` takes
 * it): what a test uses to check that nothing was left running. `--` ends pgrep's options, so a
 * pattern that starts with "-" (like "-dbPath …") is a pattern and not a flag. pgrep exits 1 when
 * nothing matches; any other failure (a bad pattern, pgrep missing) is thrown, never read as "none".
 */
export function processesMatching(pattern: string): number[] {
  try {
    const output = execFileSync("pgrep", ["-f", "--", pattern], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return output.split("\n").filter(Boolean).map(Number);
  } catch (error) {
    if ((error as { status?: unknown }).status === 1) return [];
    throw new Error(`pgrep -f -- ${JSON.stringify(pattern)} failed: ${(error as Error).message}`);
  }
}
