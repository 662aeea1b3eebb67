// Whole-process time to synthesize every stack, as `pnpm synth` runs it (node dist/main.cjs), next
// to the same app run through tsx. Prints figures; asserts nothing.
import { execFileSync, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { synthWorkspace } from "../test/support/synth-workspace";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const infra = join(import.meta.dirname, "..");
execFileSync(process.execPath, [join(infra, "scripts", "bundle-app.mjs")], { cwd: infra });

const workspace = synthWorkspace();
console.log(
  `bundles: real ${workspace.builtApps.join(", ") || "none"}; stand-in ${workspace.standInApps.join(", ") || "none"}`,
);

function timeRuns(label: string, args: string[]): void {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    rmSync(join(workspace.root, "cdktf.out"), { recursive: true, force: true });
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { cwd: workspace.root, encoding: "utf8" });
    times.push(performance.now() - started);
    if (result.status !== 0) throw new Error(`${label} failed:\n${result.stderr}`);
  }
  times.sort((a, b) => a - b);
  const ms = (t: number) => `${(t / 1000).toFixed(2)} s`;
  console.log(
    `${label.padEnd(34)} min ${ms(times[0]!)}  median ${ms(times[Math.floor(times.length / 2)]!)}  max ${ms(times.at(-1)!)}  (${RUNS} runs)`,
  );
}

timeRuns("compiled: node dist/main.cjs", [join(infra, "dist", "main.cjs")]);
timeRuns("tsx: node --import tsx src/main.ts", [
  "--import",
  import.meta.resolve("tsx"),
  join(infra, "src", "main.ts"),
]);
rmSync(workspace.root, { recursive: true, force: true });
