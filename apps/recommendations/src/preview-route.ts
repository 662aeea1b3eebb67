import { jsonResponse, notFound, parseJsonBody, requireTestName } from "@personalize-ab/adapters/http";
import { logger } from "@personalize-ab/adapters/powertools";
import { experimentPreviewRequestSchema } from "@personalize-ab/domain";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { experiments } from "./clients";
import { previewExperiment } from "./preview-variants";

/**
 * POST /experiments/{test_name}/preview `{user_id, num_results?, item_id?, filter?, filter_values?}`
 * -> the user's variant and every variant's list. IAM-signed (the team's call, not a shop's), so
 * any user may be looked at; a draft is previewed too, to check its variants before starting it.
 * No metric is counted: a preview is not traffic.
 */
export async function previewRoute(
  event: APIGatewayProxyEventV2,
): Promise<APIGatewayProxyStructuredResultV2> {
  const testName = requireTestName(event);
  const request = parseJsonBody(event, experimentPreviewRequestSchema);
  const experiment = await experiments.getExperiment(testName);
  if (!experiment) throw notFound("unknown_test", "test_name", `no experiment named ${testName}`);
  const preview = await previewExperiment(request, experiment);
  logger.info("experiment previewed", {
    testName,
    userId: request.user_id,
    assignedVariant: preview.assigned_variant,
    sources: preview.variants.map((variant) => `${variant.variant}:${variant.source}`),
  });
  return jsonResponse(200, preview);
}
