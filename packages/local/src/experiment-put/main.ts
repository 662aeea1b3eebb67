/**
 * `npm run experiment:put -- --file experiment.json [--endpoint URL | --env dev] [--table NAME]`:
 * validates an experiment record with the domain's schema and writes it to the experiments table,
 * of the local platform (its DynamoDB Local endpoint) or of a deployed environment. A record the
 * functions would refuse is never written.
 */
import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { experimentItem, missingAwsSettings } from "@personalize-ab/adapters";
import { tableName } from "@personalize-ab/domain";
import { LOCAL_TABLE_PREFIX } from "../platform";
import { INVOKED_FROM_ENV } from "../start-options.mjs";
import { parseExperimentFile } from "./experiment-file";

const USAGE =
  "usage: npm run experiment:put -- --file experiment.json [--endpoint URL | --env ENV] [--table NAME]";

function fail(line: string, code = 1): never {
  console.error(`experiment:put: ${line}`);
  process.exit(code);
}

let values: { file?: string; endpoint?: string; env?: string; table?: string };
try {
  ({ values } = parseArgs({
    options: {
      file: { type: "string" },
      endpoint: { type: "string" },
      env: { type: "string" },
      table: { type: "string" },
    },
  }));
} catch (error) {
  fail(`${(error as Error).message.split(/\.( |$)/)[0]}; ${USAGE}`, 2);
}
if (!values.file) fail(`--file is required; ${USAGE}`, 2);
if (values.endpoint && values.env) fail("give --endpoint (local) or --env (deployed), not both", 2);
if (!values.endpoint && !values.env)
  fail(`give --endpoint URL (printed by npm start) or --env ENV; ${USAGE}`, 2);

const path = isAbsolute(values.file)
  ? values.file
  : resolve(process.env[INVOKED_FROM_ENV] ?? process.cwd(), values.file);
let text: string;
try {
  text = readFileSync(path, "utf8");
} catch (error) {
  fail(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
}
const result = parseExperimentFile(text);
if (result.problems) fail(`${path} is refused: ${result.problems.join("; ")}`);
const { experiment } = result;

const table =
  values.table ??
  tableName(values.endpoint ? LOCAL_TABLE_PREFIX : `personalize-ab-${values.env}`, "experiments");
// DynamoDB Local accepts any credentials; the SDK still wants some.
const client = values.endpoint
  ? new DynamoDBClient({
      endpoint: values.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    })
  : new DynamoDBClient({});
if (!values.endpoint) {
  const missing = await missingAwsSettings(client.config);
  if (missing) fail(missing);
}
try {
  await DynamoDBDocumentClient.from(client).send(
    new PutCommand({ TableName: table, Item: experimentItem(experiment) }),
  );
} catch (error) {
  fail(`could not write to ${table}: ${(error as Error).name}: ${(error as Error).message}`);
}
const weights = experiment.variants.map((variant) => `${variant.id} ${variant.weight}`).join(", ");
console.log(`experiment ${experiment.name} (${experiment.status}; ${weights}) written to ${table}`);
