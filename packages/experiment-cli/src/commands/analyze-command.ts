import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { analyze, validateAnalyzeInput } from "@personalize-ab/statistics";
import { CliError } from "../cli-error";
import type { CommandIo } from "../command-io";
import { resultsTable } from "../results-table";
import type { ResultsView } from "../results-view";

export const ANALYZE_USAGE =
  "experiment analyze --input FILE [--json]\n" +
  '  FILE: { "control", "metrics": [{ "name", "kind", "variants": { "<id>": { "n", "sum", "sum_squares", ... } } }],\n' +
  '          "alpha"?, "weights"?, "users"?, "method"?, "tuning"?, "prior"?, "correction"? }';

/** `experiment analyze --input FILE`: the results of sufficient statistics from anywhere. */
export async function analyzeCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { input: { type: "string" }, json: { type: "boolean", default: false } },
  });
  if (values.input === undefined || positionals.length > 0) throw new CliError(`usage: ${ANALYZE_USAGE}`);
  const path = resolve(io.cwd, values.input);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new CliError(`--input: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`--input: ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const validation = validateAnalyzeInput(json);
  if (!validation.ok) {
    const problems = validation.problems.map(({ field, problem }) => `  ${field}: ${problem}`);
    throw new CliError(`--input: ${path} is not a valid analysis input:\n${problems.join("\n")}`);
  }
  const output = analyze(validation.input);
  io.out(values.json ? JSON.stringify(output, null, 2) : resultsTable(output as unknown as ResultsView));
  return 0;
}
