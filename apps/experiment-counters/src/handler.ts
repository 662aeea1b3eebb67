import {
  counterShards,
  countingRulesFromTable,
  createDocumentClient,
  ExperimentCounterConsumer,
  requireEnv,
} from "@personalize-ab/adapters";
import { ENV } from "@personalize-ab/domain";
import { createCountersHandler } from "./counters-handler";

// Created once per execution environment, reused by every invocation.
const documents = createDocumentClient();
const consumer = new ExperimentCounterConsumer(
  documents,
  {
    assignments: requireEnv(ENV.assignmentsTable),
    events: requireEnv(ENV.eventsTable),
    userMetrics: requireEnv(ENV.experimentUserMetricsTable),
    counters: requireEnv(ENV.experimentCountersTable),
  },
  { shards: counterShards(), rulesOf: countingRulesFromTable(documents, requireEnv(ENV.experimentsTable)) },
);

/** DynamoDB streams of the assignments and events tables -> the experiment counters. */
export const handler = createCountersHandler(consumer);
