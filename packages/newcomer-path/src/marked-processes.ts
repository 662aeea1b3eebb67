import { readdirSync, readFileSync } from "node:fs";

/**
 * The processes whose environment holds `name=value`: every descendant of a command started with
 * that variable, even one left behind under PID 1 with another name and arguments.
 */
export function processesMarked(name: string, value: string): number[] {
  const marker = `${name}=${value}`;
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, "latin1").split("\0");
      if (environ.includes(marker)) found.push(Number(entry));
    } catch {
      // The process ended while we looked, or is not ours to read.
    }
  }
  return found;
}
