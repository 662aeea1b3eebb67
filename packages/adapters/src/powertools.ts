import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { Tracer } from "@aws-lambda-powertools/tracer";
import { METRICS_NAMESPACE } from "@personalize-ab/domain";

/** Created once per execution environment and shared by every module of a function. */
export const logger = new Logger();
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? METRICS_NAMESPACE,
});
/** Off outside Lambda (tests, the local platform): captured clients are then left as they are. */
export const tracer = new Tracer();
export { MetricUnit };
