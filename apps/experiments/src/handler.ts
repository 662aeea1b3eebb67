import {
  configCacheTtlMs,
  createDocumentClient,
  ExperimentConfigSource,
  readExperimentCounters,
  requireEnv,
} from "@personalize-ab/adapters";
import { httpHandler, invalidRequest, jsonResponse, notFound } from "@personalize-ab/adapters/http";
import { logger } from "@personalize-ab/adapters/powertools";
import { ENV, TEST_NAME_PATTERN } from "@personalize-ab/domain";
import { experimentResults } from "./experiment-results";

// Created once per execution environment, reused by every invocation.
const documents = createDocumentClient();
const experiments = new ExperimentConfigSource(documents, requireEnv(ENV.experimentsTable), {
  ttlMs: configCacheTtlMs(),
});
const countersTable = requireEnv(ENV.experimentCountersTable);

/** GET /experiments/{test_name}/results -> the experiment's counters analysed (lifts, intervals, SRM, verdict). */
export const handler = httpHandler(async (event) => {
  const testName = event.pathParameters?.test_name;
  if (testName === undefined || !TEST_NAME_PATTERN.test(testName)) {
    throw invalidRequest([{ field: "test_name", problem: "must be 1-128 letters, digits, '_', '.' or '-'" }]);
  }
  const experiment = await experiments.getExperiment(testName);
  if (!experiment) throw notFound("unknown_test", "test_name", `no experiment named ${testName}`);

  const cells = await readExperimentCounters(documents, countersTable, testName);
  const results = experimentResults(experiment, cells, new Date());
  logger.debug("results computed", { testName, cells: cells.length, verdict: results.decision.verdict });
  return jsonResponse(200, results);
});
