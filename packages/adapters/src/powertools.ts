import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { Tracer } from "@aws-lambda-powertools/tracer";
import { ENV, METRIC_DIMENSIONS, METRICS_NAMESPACE } from "@personalize-ab/domain";

/** Created once per execution environment and shared by every module of a function. */
export const logger = new Logger();
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? METRICS_NAMESPACE,
  // One namespace for every environment: the Environment dimension keeps dev and prod apart.
  defaultDimensions: { [METRIC_DIMENSIONS.environment]: process.env[ENV.environmentName] ?? "local" },
  // Its warnings (a dimension added twice, nothing to publish) as structured logs with the request's keys.
  logger,
});
/** Off outside Lambda (tests, the local platform): captured clients are then left as they are. */
export const tracer = new Tracer();
export { MetricUnit };
