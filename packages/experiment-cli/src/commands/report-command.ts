import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { type AnyResults, reportHtml } from "@personalize-ab/console";
import { CliError } from "../cli-error";
import type { CommandIo } from "../command-io";
import { resultsCommand } from "./results-command";

export const REPORT_USAGE =
  "experiment report <test> --out FILE.html [--url URL | --env dev|prod]\n" +
  "  --out FILE  one self-contained HTML file: the console's results view with the results embedded; opens offline\n" +
  "  --url, --env  where the results come from, as for experiment results";

/**
 * `experiment report <test> --out FILE.html`: the results as `experiment results --json` reads
 * them (same target, signing and errors), written as the console's results view in one file.
 */
export async function reportCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { url: { type: "string" }, env: { type: "string" }, out: { type: "string" } },
  });
  const [testName, ...extra] = positionals;
  if (testName === undefined || extra.length > 0) throw new CliError(`usage: ${REPORT_USAGE}`);
  if (values.out === undefined || values.out.trim() === "") {
    throw new CliError("--out: the HTML file to write is required");
  }
  const targetArgs = [
    ...(values.url !== undefined ? ["--url", values.url] : []),
    ...(values.env !== undefined ? ["--env", values.env] : []),
  ];
  const json: string[] = [];
  const code = await resultsCommand([testName, "--json", ...targetArgs], {
    ...io,
    out: (text) => json.push(text),
  });
  if (code !== 0) return code;
  const results = JSON.parse(json.join("\n")) as AnyResults;
  const source =
    values.env !== undefined ? `the ${values.env} environment` : (values.url ?? "the local platform");
  const path = resolve(io.cwd, values.out);
  const html = await reportHtml(results, source);
  await writeFile(path, html);
  io.out(
    `wrote ${path} (${(Buffer.byteLength(html) / 1024).toFixed(0)} KB): ${results.test_name}, ${results.status}`,
  );
  return 0;
}
