import { parseArgs } from "node:util";
import { TEST_NAME_PATTERN } from "@personalize-ab/domain";
import { callApi } from "../api-call";
import { TARGET_OPTIONS, targetOf } from "../api-target";
import { CliError } from "../cli-error";
import type { CommandIo } from "../command-io";
import { interleavingTable, isInterleavingView } from "../interleaving-table";
import { resultsTable } from "../results-table";
import type { ResultsView } from "../results-view";

export const RESULTS_USAGE =
  "experiment results <test> [--url URL | --env dev|prod] [--json]\n" +
  "  --url URL   the API (default http://127.0.0.1:3000, the local platform)\n" +
  "  --env ENV   a deployed environment: URL from PERSONALIZE_AB_<ENV>_API_URL or its stack outputs; signed with SigV4\n" +
  "  --json      the API's JSON as it came";

/** `experiment results <test>`: the results endpoint's answer, as a table or as its JSON. */
export async function resultsCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { ...TARGET_OPTIONS, json: { type: "boolean", default: false } },
  });
  const [testName, ...extra] = positionals;
  if (testName === undefined || extra.length > 0) throw new CliError(`usage: ${RESULTS_USAGE}`);
  if (!TEST_NAME_PATTERN.test(testName)) {
    throw new CliError("test: must be 1-128 letters, digits, '_', '.' or '-'");
  }
  const body = await callApi(
    targetOf(values, io),
    "GET",
    `/experiments/${encodeURIComponent(testName)}/results`,
  );
  const table = isInterleavingView(body) ? interleavingTable(body) : resultsTable(body as ResultsView);
  io.out(values.json ? JSON.stringify(body, null, 2) : table);
  return 0;
}
