import {
  asClientErrors,
  authorizeUser,
  jsonResponse,
  notFound,
  parseJsonBody,
} from "@personalize-ab/adapters/http";
import { MetricUnit, metrics } from "@personalize-ab/adapters/powertools";
import {
  DEFAULT_TEST_NAME,
  kindOf,
  METRIC_DIMENSIONS,
  METRICS,
  recommendationRequestSchema,
  servingDecision,
} from "@personalize-ab/domain";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { experiments } from "./clients";
import { serveInterleaved } from "./serve-interleaved";
import { serveRecommendations } from "./serve-recommendations";

/**
 * POST /recommendations `{user_id, num_results?, test_name?, item_id?, context?}` -> the user's
 * variant, its recommendations enriched with item metadata, and where they came from.
 */
export async function recommendRoute(
  event: APIGatewayProxyEventV2,
): Promise<APIGatewayProxyStructuredResultV2> {
  const startedAt = performance.now();
  const request = parseJsonBody(event, recommendationRequestSchema);
  authorizeUser(event, request.user_id);
  const testName = request.test_name ?? DEFAULT_TEST_NAME;
  const experiment = await experiments.getExperiment(testName);
  if (!experiment) throw notFound("unknown_test", "test_name", `no experiment named ${testName}`);

  // A draft is not served (409 experiment_not_started); paused and completed serve a fixed
  // variant, interleaving experiments included.
  const decision = asClientErrors(() => servingDecision(experiment));
  const interleaved = kindOf(experiment) === "interleaving" && decision.kind === "enroll";
  const { response, fallbackReason } = interleaved
    ? await serveInterleaved(request, experiment)
    : await serveRecommendations(request, experiment, decision);
  // Into the metrics' one dimension set (addDimensions would start a second one).
  metrics.addDimension(METRIC_DIMENSIONS.experiment, testName);
  metrics.addDimension(METRIC_DIMENSIONS.variant, response.variant);
  metrics.addMetric(METRICS.recommendationRequests, MetricUnit.Count, 1);
  if (fallbackReason) metrics.addMetric(METRICS.recommendationFallbacks, MetricUnit.Count, 1);
  metrics.addMetric(METRICS.recommendationLatency, MetricUnit.Milliseconds, performance.now() - startedAt);
  return jsonResponse(200, response);
}
