import { metricsOf } from "@personalize-ab/domain";
import type { ExperimentConfigSource } from "../config/experiment-config";
import type { MetricsOfTest } from "./user-facts";

/**
 * The metrics of a test from its (cached) experiment record; the defaults for a test with no
 * record, so an enrollment is never dropped for want of one.
 */
export function metricsFromConfig(config: ExperimentConfigSource): MetricsOfTest {
  return async (testName) => metricsOf((await config.getExperiment(testName)) ?? {});
}
