import { parseArgs } from "node:util";
import { TEST_NAME_PATTERN } from "@personalize-ab/domain";
import { type ApiTarget, deployedApiTarget, urlTarget } from "../api-target";
import { CliError } from "../cli-error";
import type { CommandIo } from "../command-io";
import { interleavingTable, isInterleavingView } from "../interleaving-table";
import { resultsTable } from "../results-table";
import type { ResultsView } from "../results-view";
import { signedGet } from "../signed-get";
import { DEPLOYED_ENVIRONMENTS, type DeployedEnvironment } from "../stack-outputs";

export const RESULTS_USAGE =
  "experiment results <test> [--url URL | --env dev|prod] [--json]\n" +
  "  --url URL   the API (default http://127.0.0.1:3000, the local platform)\n" +
  "  --env ENV   a deployed environment: URL from PERSONALIZE_AB_<ENV>_API_URL or its stack outputs; signed with SigV4\n" +
  "  --json      the API's JSON as it came";

function targetOf(values: { url?: string; env?: string }, io: CommandIo): ApiTarget {
  if (values.url !== undefined && values.env !== undefined)
    throw new CliError("give --url or --env, not both");
  if (values.env !== undefined) {
    if (!DEPLOYED_ENVIRONMENTS.includes(values.env as DeployedEnvironment)) {
      throw new CliError(`--env: must be one of ${DEPLOYED_ENVIRONMENTS.join(", ")}`);
    }
    return deployedApiTarget(values.env as DeployedEnvironment, io.repositoryRoot, io.env);
  }
  return urlTarget(values.url ?? "http://127.0.0.1:3000");
}

/** `experiment results <test>`: the results endpoint's answer, as a table or as its JSON. */
export async function resultsCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { url: { type: "string" }, env: { type: "string" }, json: { type: "boolean", default: false } },
  });
  const [testName, ...extra] = positionals;
  if (testName === undefined || extra.length > 0) throw new CliError(`usage: ${RESULTS_USAGE}`);
  if (!TEST_NAME_PATTERN.test(testName)) {
    throw new CliError("test: must be 1-128 letters, digits, '_', '.' or '-'");
  }
  const target = targetOf(values, io);
  const url = `${target.baseUrl}/experiments/${encodeURIComponent(testName)}/results`;
  let response: Response;
  try {
    response = target.signed
      ? await signedGet(url)
      : await fetch(url, { headers: { accept: "application/json" } });
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      `GET ${url} failed: ${(error as Error).message}. Is the platform running (npm start)?`,
      1,
    );
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new CliError(
      `GET ${url} answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`,
      1,
    );
  }
  if (response.status !== 200) {
    const error = (body as { error?: { code?: string; message?: string }; message?: string }).error;
    const problem = error ? `${error.code}: ${error.message}` : JSON.stringify(body);
    throw new CliError(`GET ${url} answered ${response.status}: ${problem}`, 1);
  }
  const table = isInterleavingView(body) ? interleavingTable(body) : resultsTable(body as ResultsView);
  io.out(values.json ? JSON.stringify(body, null, 2) : table);
  return 0;
}
