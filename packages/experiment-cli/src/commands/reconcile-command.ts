import { parseArgs } from "node:util";
import {
  counterShards,
  createDocumentClient,
  type ReconcileReport,
  type ReconcileTables,
  reconcileExperiment,
} from "@personalize-ab/adapters";
import { ENV, TEST_NAME_PATTERN, tableName } from "@personalize-ab/domain";
import Table from "cli-table3";
import { regionOf } from "../api-target";
import { CliError } from "../cli-error";
import type { CommandIo } from "../command-io";
import { DEPLOYED_ENVIRONMENTS, type DeployedEnvironment, readStackOutputs } from "../stack-outputs";

/** The local platform's table prefix (packages/local's LOCAL_TABLE_PREFIX). */
const LOCAL_TABLE_PREFIX = "personalize-ab-local";

export const RECONCILE_USAGE =
  "experiment reconcile <test> [--endpoint URL [--table-prefix P] | --env dev|prod] [--json]\n" +
  "  --endpoint URL   a DynamoDB endpoint, e.g. the DynamoDB Local URL npm start prints (tables personalize-ab-local-*)\n" +
  "  --env ENV        a deployed environment's tables, named by its stack outputs\n" +
  "  exit 1 when any counter differs from its recomputation from the raw tables";

function deployedTables(
  env: DeployedEnvironment,
  io: CommandIo,
): { tables: ReconcileTables; region: string } {
  const outputs = readStackOutputs(io.repositoryRoot, env);
  const named = (output: string) => {
    const value = outputs?.[output];
    if (!value) {
      throw new CliError(
        `no ${output} in the ${env} stack's outputs (infra/terraform.${env}.tfstate): deploy it first`,
      );
    }
    return value;
  };
  return {
    tables: {
      assignments: named("assignments_table_name"),
      events: named("events_table_name"),
      counters: named("experiment_counters_table_name"),
      experiments: named("experiments_table_name"),
    },
    region: regionOf(named("api_endpoint"), io.env),
  };
}

/** What a report's `users` counts, per kind: an interleaving experiment enrolls no one. */
function usersCounted({ kind, users }: ReconcileReport): string {
  const user = users === 1 ? "user" : "users";
  return kind === "interleaving" ? `${users} ${user} with an impression` : `${users} enrolled ${user}`;
}

/** `experiment reconcile <test>`: every counter recomputed from the raw tables, and where they differ. */
export async function reconcileCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      endpoint: { type: "string" },
      env: { type: "string" },
      "table-prefix": { type: "string", default: LOCAL_TABLE_PREFIX },
      json: { type: "boolean", default: false },
    },
  });
  const [testName, ...extra] = positionals;
  if (testName === undefined || extra.length > 0) throw new CliError(`usage: ${RECONCILE_USAGE}`);
  if (!TEST_NAME_PATTERN.test(testName))
    throw new CliError("test: must be 1-128 letters, digits, '_', '.' or '-'");
  if ((values.endpoint === undefined) === (values.env === undefined)) {
    throw new CliError("give --endpoint (DynamoDB Local) or --env (a deployed environment)");
  }
  let tables: ReconcileTables;
  let clientEnv: NodeJS.ProcessEnv;
  if (values.env !== undefined) {
    if (!DEPLOYED_ENVIRONMENTS.includes(values.env as DeployedEnvironment)) {
      throw new CliError(`--env: must be one of ${DEPLOYED_ENVIRONMENTS.join(", ")}`);
    }
    const deployed = deployedTables(values.env as DeployedEnvironment, io);
    tables = deployed.tables;
    clientEnv = { ...io.env, AWS_REGION: deployed.region };
  } else {
    const prefix = values["table-prefix"];
    tables = {
      assignments: tableName(prefix, "assignments"),
      events: tableName(prefix, "events"),
      counters: tableName(prefix, "experimentCounters"),
      experiments: tableName(prefix, "experiments"),
    };
    clientEnv = { ...io.env, [ENV.dynamodbEndpoint]: values.endpoint };
  }

  let report: ReconcileReport;
  try {
    report = await reconcileExperiment(createDocumentClient(clientEnv), tables, testName, {
      shards: counterShards(io.env),
    });
  } catch (error) {
    throw new CliError(`reconcile of ${testName} failed: ${(error as Error).message}`, 1);
  }
  if (values.json) io.out(JSON.stringify(report, null, 2));
  else {
    io.out(
      `${testName}: ${usersCounted(report)}, ${report.cells} counter cells recomputed, ${report.differences.length} differences`,
    );
    if (report.differences.length > 0) {
      const table = new Table({
        head: ["period", "variant", "metric", "field", "recomputed", "counters"],
        style: { head: [], border: [] },
      });
      for (const d of report.differences)
        table.push([d.period, d.variant, d.metric, d.field, d.expected, d.actual]);
      io.out(table.toString());
    }
  }
  return report.differences.length > 0 ? 1 : 0;
}
