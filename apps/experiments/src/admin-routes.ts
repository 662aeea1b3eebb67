import type { ExperimentStore } from "@personalize-ab/adapters";
import {
  asClientErrors,
  clientErrorOf,
  jsonResponse,
  notFound,
  parseJsonBody,
  requireTestName,
} from "@personalize-ab/adapters/http";
import { logger } from "@personalize-ab/adapters/powertools";
import {
  changeStatus,
  createExperimentRequestSchema,
  DEFAULT_TEST_NAME,
  type Experiment,
  ExperimentConflict,
  newExperiment,
  reviseExperiment,
  statusChangeRequestSchema,
  updateExperimentRequestSchema,
} from "@personalize-ab/domain";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type * as z from "zod/mini";
import { callerOf } from "./caller";

export interface AdminDependencies {
  readonly store: ExperimentStore;
  /** The recipe's default test, served while no record of that name is stored. */
  readonly defaultExperiment: () => Experiment;
  readonly now: () => number;
}

type Route = (
  event: APIGatewayProxyEventV2,
  deps: AdminDependencies,
) => Promise<APIGatewayProxyStructuredResultV2>;

async function currentRecord(event: APIGatewayProxyEventV2, deps: AdminDependencies): Promise<Experiment> {
  const testName = requireTestName(event);
  const record =
    (await deps.store.read(testName)) ??
    (testName === DEFAULT_TEST_NAME ? deps.defaultExperiment() : undefined);
  if (!record) throw notFound("unknown_test", "test_name", `no experiment named ${testName}`);
  return record;
}

function requireVersion(record: Experiment, version: number | undefined): void {
  if (version === undefined || version === record.version) return;
  throw clientErrorOf(
    new ExperimentConflict(
      "version_conflict",
      "version",
      `is ${record.version} now, not ${version}; read the experiment again and retry`,
    ),
  );
}

async function written(step: () => Promise<Experiment>): Promise<Experiment> {
  try {
    return await step();
  } catch (error) {
    throw clientErrorOf(error);
  }
}

const create: Route = async (event, deps) => {
  const request = parseJsonBody(event, createExperimentRequestSchema);
  const record = asClientErrors(() => newExperiment(request, deps.now()));
  const stored = await written(() =>
    deps.store.create(record, { caller: callerOf(event), atMs: deps.now() }),
  );
  logger.info("experiment created", { testName: stored.name, status: stored.status });
  return jsonResponse(201, stored);
};

const list: Route = async (_event, deps) => {
  const stored = await deps.store.list();
  const names = new Set(stored.map((experiment) => experiment.name));
  // The default test is served while no record exists; listing it says what users get.
  const experiments = names.has(DEFAULT_TEST_NAME) ? stored : [...stored, deps.defaultExperiment()];
  return jsonResponse(200, { experiments: experiments.sort((a, b) => a.name.localeCompare(b.name)) });
};

const show: Route = async (event, deps) => jsonResponse(200, await currentRecord(event, deps));

/**
 * A change of a stored (or default) record: read it, parse the body, check the version the client
 * read, derive the next record (pure), and write it with its history entry.
 */
function changeRoute<S extends z.ZodMiniType<{ version?: number | undefined }>>(
  schema: S,
  action: "update" | "status",
  derive: (current: Experiment, request: z.output<S>, atMs: number) => Experiment,
): Route {
  return async (event, deps) => {
    const current = await currentRecord(event, deps);
    const request = parseJsonBody(event, schema);
    requireVersion(current, request.version);
    const next = asClientErrors(() => derive(current, request, deps.now()));
    const stored = await written(() =>
      deps.store.save(current, next, action, { caller: callerOf(event), atMs: deps.now() }),
    );
    logger.info("experiment changed", {
      testName: stored.name,
      action,
      version: stored.version,
      status: stored.status,
    });
    return jsonResponse(200, stored);
  };
}

const update = changeRoute(updateExperimentRequestSchema, "update", reviseExperiment);
const status = changeRoute(statusChangeRequestSchema, "status", changeStatus);

const history: Route = async (event, deps) => {
  const current = await currentRecord(event, deps);
  return jsonResponse(200, { test_name: current.name, entries: await deps.store.history(current.name) });
};

/** The admin routes of the catalog, by route key. */
export const ADMIN_ROUTES: Readonly<Record<string, Route>> = {
  "POST /experiments": create,
  "GET /experiments": list,
  "GET /experiments/{test_name}": show,
  "PUT /experiments/{test_name}": update,
  "POST /experiments/{test_name}/status": status,
  "GET /experiments/{test_name}/history": history,
};
