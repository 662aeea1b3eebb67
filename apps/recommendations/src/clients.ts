import {
  AssignmentsRepository,
  configCacheTtlMs,
  createDocumentClient,
  createPersonalizeRuntimeClient,
  ExperimentConfigSource,
  ExposureLog,
  InteractionHistory,
  ItemCatalog,
  PersonalizeRecommender,
  personalizeTimeoutMs,
  requireEnv,
  StickyAssignments,
} from "@personalize-ab/adapters";
import { ENV } from "@personalize-ab/domain";

// Created once per execution environment, reused by every invocation (and reachable by tests,
// which count the network waits a request makes on these very clients).
export const documents = createDocumentClient();
export const personalizeRuntime = createPersonalizeRuntimeClient();

const eventsTable = requireEnv(ENV.eventsTable);
export const experiments = new ExperimentConfigSource(documents, requireEnv(ENV.experimentsTable), {
  ttlMs: configCacheTtlMs(),
});
export const assignments = new StickyAssignments(
  new AssignmentsRepository(documents, requireEnv(ENV.assignmentsTable)),
);
export const catalog = new ItemCatalog(documents, requireEnv(ENV.itemsTable));
export const exposures = new ExposureLog(documents, eventsTable);
export const history = new InteractionHistory(documents, eventsTable);
export const recommender = new PersonalizeRecommender(personalizeRuntime);
export const timeBudgetMs = personalizeTimeoutMs();
