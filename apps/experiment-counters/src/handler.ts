import {
  configCacheTtlMs,
  counterShards,
  createDocumentClient,
  ExperimentConfigSource,
  ExperimentCounterConsumer,
  metricsFromConfig,
  requireEnv,
} from "@personalize-ab/adapters";
import { ENV } from "@personalize-ab/domain";
import { createCountersHandler } from "./counters-handler";

// Created once per execution environment, reused by every invocation.
const documents = createDocumentClient();
const config = new ExperimentConfigSource(documents, requireEnv(ENV.experimentsTable), {
  ttlMs: configCacheTtlMs(),
});
const consumer = new ExperimentCounterConsumer(
  documents,
  {
    assignments: requireEnv(ENV.assignmentsTable),
    events: requireEnv(ENV.eventsTable),
    userMetrics: requireEnv(ENV.experimentUserMetricsTable),
    counters: requireEnv(ENV.experimentCountersTable),
  },
  { shards: counterShards(), metricsOf: metricsFromConfig(config) },
);

/** DynamoDB streams of the assignments and events tables -> the experiment counters. */
export const handler = createCountersHandler(consumer);
