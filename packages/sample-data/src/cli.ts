import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { toDatasetCsvs } from "./dataset-csv";
import { DEFAULT_SAMPLE_DATA_OPTIONS, generateSampleData } from "./generate-sample-data";
import { writeDatasetCsvs } from "./sample-data-folder";

const usage = `Writes users.csv, items.csv and interactions.csv in the Personalize dataset schemas.

Usage: generate [--out <folder>] [--seed <integer>]
  --out   folder to write into, relative to where the command was run (default: ./sample-data)
  --seed  generator seed (default: ${DEFAULT_SAMPLE_DATA_OPTIONS.seed}); the same seed gives byte-identical files`;

// Through `pnpm --filter`, the script runs in this package; a relative --out means where pnpm was invoked.
const invokedFrom = process.env.INIT_CWD ?? process.cwd();

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      out: { type: "string", default: "sample-data" },
      seed: { type: "string", default: String(DEFAULT_SAMPLE_DATA_OPTIONS.seed) },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    console.error(`--seed must be a non-negative integer, got "${values.seed}"\n\n${usage}`);
    return 2;
  }
  const data = generateSampleData({ seed });
  const paths = await writeDatasetCsvs(resolve(invokedFrom, values.out), toDatasetCsvs(data));
  console.log(
    `Users: ${data.users.length}\nItems: ${data.items.length}\nInteractions: ${data.interactions.length}`,
  );
  for (const path of paths) console.log(`wrote ${path}`);
  return 0;
}

process.exitCode = await main();
