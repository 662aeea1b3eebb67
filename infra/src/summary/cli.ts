import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { repositoryRoot } from "../repository-root";
import { summaryMarkdown } from "./summary-markdown";
import { readSynthOutput } from "./synth-output";

// pnpm infra:summary [--out <cdktf.out>] [--base <other cdktf.out>] [--write <file.md>]
const { values } = parseArgs({
  options: {
    out: { type: "string" },
    base: { type: "string" },
    write: { type: "string" },
  },
});
const out = values.out ? resolve(values.out) : join(repositoryRoot(), "infra", "cdktf.out");
const markdown = summaryMarkdown(
  readSynthOutput(out),
  values.base ? readSynthOutput(resolve(values.base)) : undefined,
);
if (values.write) writeFileSync(values.write, markdown);
else process.stdout.write(markdown);
