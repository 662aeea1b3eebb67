import {
  AssignmentsRepository,
  configCacheTtlMs,
  createDocumentClient,
  createPersonalizeEventsClient,
  EventForwarder,
  EventsRepository,
  ExperimentConfigSource,
  personalizeTimeoutMs,
  requireEnv,
} from "@personalize-ab/adapters";
import { ENV } from "@personalize-ab/domain";

// Created once per execution environment, reused by every invocation.
export const documents = createDocumentClient();
export const personalizeEvents = createPersonalizeEventsClient();

export const config = new ExperimentConfigSource(documents, requireEnv(ENV.experimentsTable), {
  ttlMs: configCacheTtlMs(),
});
export const assignments = new AssignmentsRepository(documents, requireEnv(ENV.assignmentsTable));
export const events = new EventsRepository(documents, requireEnv(ENV.eventsTable));
export const forwarder = new EventForwarder(personalizeEvents);
export const timeBudgetMs = personalizeTimeoutMs();
