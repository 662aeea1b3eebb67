import {
  configCacheTtlMs,
  createDocumentClient,
  defaultExperimentFromEnv,
  ExperimentConfigSource,
  ExperimentStore,
  requireEnv,
} from "@personalize-ab/adapters";
import { httpHandler } from "@personalize-ab/adapters/http";
import { ENV } from "@personalize-ab/domain";
import { ADMIN_ROUTES, type AdminDependencies } from "./admin-routes";
import { resultsRoute } from "./results-route";

// Created once per execution environment, reused by every invocation.
const documents = createDocumentClient();
const experimentsTable = requireEnv(ENV.experimentsTable);
const results = {
  documents,
  experiments: new ExperimentConfigSource(documents, experimentsTable, {
    ttlMs: configCacheTtlMs(),
  }),
  countersTable: requireEnv(ENV.experimentCountersTable),
};
const admin: AdminDependencies = {
  store: new ExperimentStore(documents, {
    experiments: experimentsTable,
    history: requireEnv(ENV.experimentHistoryTable),
  }),
  defaultExperiment: () => defaultExperimentFromEnv(process.env),
  now: () => Date.now(),
};

/** The experiment admin API and results: one function, routed by the catalog's route key. */
export const handler = httpHandler(async (event) => {
  const adminRoute = ADMIN_ROUTES[event.routeKey];
  return adminRoute ? adminRoute(event, admin) : resultsRoute(event, results);
});
