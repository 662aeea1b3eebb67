import {
  AssignmentsRepository,
  configCacheTtlMs,
  createDocumentClient,
  ExperimentConfigSource,
  requireEnv,
  StickyAssignments,
} from "@personalize-ab/adapters";
import {
  asClientErrors,
  authorizeUser,
  httpHandler,
  jsonResponse,
  notFound,
  parseJsonBody,
} from "@personalize-ab/adapters/http";
import { logger, MetricUnit, metrics } from "@personalize-ab/adapters/powertools";
import {
  type AssignmentResponse,
  assignmentRequestSchema,
  DEFAULT_TEST_NAME,
  ENV,
  METRIC_DIMENSIONS,
  METRICS,
  servingDecision,
} from "@personalize-ab/domain";

// Created once per execution environment, reused by every invocation.
const documents = createDocumentClient();
const assignments = new StickyAssignments(
  new AssignmentsRepository(documents, requireEnv(ENV.assignmentsTable)),
);
const experiments = new ExperimentConfigSource(documents, requireEnv(ENV.experimentsTable), {
  ttlMs: configCacheTtlMs(),
});

/**
 * POST /assignments `{user_id, test_name?}` -> the recipe's router answer, with a sticky variant
 * while the test is active; paused, everyone gets the control, completed, the winner, and neither
 * enrolls anyone. A draft is not served (409 `experiment_not_started`).
 */
export const handler = httpHandler(async (event) => {
  const request = parseJsonBody(event, assignmentRequestSchema);
  authorizeUser(event, request.user_id);
  const testName = request.test_name ?? DEFAULT_TEST_NAME;
  const experiment = await experiments.getExperiment(testName);
  if (!experiment) throw notFound("unknown_test", "test_name", `no experiment named ${testName}`);

  const decision = asClientErrors(() => servingDecision(experiment));
  const { variant, isNew } =
    decision.kind === "fixed"
      ? { variant: decision.variant, isNew: undefined }
      : await assignments.resolve(request.user_id, experiment);
  // Into the metrics' one dimension set (addDimensions would start a second one).
  metrics.addDimension(METRIC_DIMENSIONS.experiment, testName);
  metrics.addDimension(METRIC_DIMENSIONS.variant, variant.id);
  if (isNew !== undefined) {
    metrics.addMetric(isNew ? METRICS.assignmentsCreated : METRICS.assignmentsReused, MetricUnit.Count, 1);
  }
  logger.debug("assigned", {
    userId: request.user_id,
    testName,
    variant: variant.id,
    isNew,
    status: experiment.status,
  });

  const body: AssignmentResponse = {
    user_id: request.user_id,
    test_name: testName,
    variant: variant.id,
    status: decision.status,
    model_config: {
      recipe: variant.recipe,
      campaign_arn: variant.campaignArn ?? null,
      description: variant.description,
    },
  };
  return jsonResponse(200, body);
});
