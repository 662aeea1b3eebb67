import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { type ExperimentConfigSource, readExperimentCounters } from "@personalize-ab/adapters";
import { jsonResponse, notFound, requireTestName } from "@personalize-ab/adapters/http";
import { logger } from "@personalize-ab/adapters/powertools";
import { kindOf } from "@personalize-ab/domain";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { experimentResults } from "./experiment-results";
import { interleavingResults } from "./interleaving-results";

export interface ResultsDependencies {
  readonly documents: DynamoDBDocumentClient;
  readonly experiments: ExperimentConfigSource;
  readonly countersTable: string;
}

/** GET /experiments/{test_name}/results -> the experiment's counters analysed (lifts, intervals, SRM, verdict). */
export async function resultsRoute(
  event: APIGatewayProxyEventV2,
  deps: ResultsDependencies,
): Promise<APIGatewayProxyStructuredResultV2> {
  const testName = requireTestName(event);
  const experiment = await deps.experiments.getExperiment(testName);
  if (!experiment) throw notFound("unknown_test", "test_name", `no experiment named ${testName}`);

  if (kindOf(experiment) === "interleaving") {
    return jsonResponse(
      200,
      await interleavingResults(deps.documents, deps.countersTable, experiment, new Date()),
    );
  }
  const cells = await readExperimentCounters(deps.documents, deps.countersTable, testName);
  const results = experimentResults(experiment, cells, new Date());
  logger.debug("results computed", { testName, cells: cells.length, verdict: results.decision.verdict });
  return jsonResponse(200, results);
}
