import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SCHEDULED_FUNCTIONS, type ScheduledFunctionKey } from "@personalize-ab/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { AwsContext } from "../src/aws-context";
import { TerraformStack, Testing } from "../src/cdktf";
import { ENVIRONMENTS } from "../src/config/environments";
import { checkStack } from "../src/policy/check-stack";
import { rateSeconds } from "../src/serving/schedule-rate";
import { ScheduledFunctions } from "../src/serving/scheduled-functions";
import { PlatformTables } from "../src/storage/platform-tables";
import { resourcesOfType, type TerraformJson } from "./support/synthesized-platform";
import { writeBundle } from "./support/temporary-bundles";

const dev = ENVIRONMENTS.dev;
const KEYS = Object.keys(SCHEDULED_FUNCTIONS) as ScheduledFunctionKey[];
let json: TerraformJson;

beforeAll(() => {
  const stack = new TerraformStack(Testing.app(), "scheduled");
  const root = mkdtempSync(join(tmpdir(), "scheduled-"));
  for (const { app } of Object.values(SCHEDULED_FUNCTIONS)) {
    writeBundle(join(root, "apps"), app, "export const handler = async () => ({});\n");
  }
  new ScheduledFunctions(stack, "scheduled", {
    config: dev,
    aws: new AwsContext(stack, "aws", dev.region),
    tables: new PlatformTables(stack, "tables", dev).byKey,
    bundles: { appsRoot: join(root, "apps"), archiveDirectory: join(root, "archives") },
  });
  json = JSON.parse(Testing.synth(stack));
});

/** The one resource of a type that satisfies `match`, with its logical id. */
function only(type: string, match: (resource: TerraformJson) => boolean): [string, TerraformJson] {
  const found = Object.entries(resourcesOfType(json, type)).filter(([, resource]) => match(resource));
  if (found.length !== 1) throw new Error(`expected one matching ${type}, found ${found.length}`);
  return found[0]!;
}

/** A scheduled function's Lambda, rule, target, permission, invoke config and role policy. */
function resourcesOf(key: ScheduledFunctionKey) {
  const name = `personalize-ab-dev-${SCHEDULED_FUNCTIONS[key].app}`;
  const [fnId, fn] = only("aws_lambda_function", (r) => r.function_name === name);
  const [ruleId, rule] = only("aws_cloudwatch_event_rule", (r) => r.name === name);
  const [, target] = only(
    "aws_cloudwatch_event_target",
    (r) => r.rule === `\${aws_cloudwatch_event_rule.${ruleId}.name}`,
  );
  const byFunction = (r: TerraformJson) =>
    r.function_name === `\${aws_lambda_function.${fnId}.function_name}`;
  const [, permission] = only("aws_lambda_permission", byFunction);
  const [, invokeConfig] = only("aws_lambda_function_event_invoke_config", byFunction);
  const roleId = /^\$\{aws_iam_role\.([^.]+)\.arn\}$/.exec(fn.role)![1];
  const [, policy] = only("aws_iam_role_policy", (r) => r.role === `\${aws_iam_role.${roleId}.id}`);
  return { fnId, fn, ruleId, rule, target, permission, invokeConfig, policy: JSON.parse(policy.policy) };
}

/** The actions a role policy grants, and the resources of those naming `action`. */
function grants(policy: TerraformJson, action?: string) {
  const statements = policy.Statement as TerraformJson[];
  const actions = [...new Set(statements.flatMap((s) => [s.Action].flat() as string[]))].sort();
  const resources = statements
    .filter((s) => action !== undefined && [s.Action].flat().includes(action))
    .flatMap((s) => [s.Resource].flat() as string[]);
  return { actions, resources };
}

// Besides its own log stream and X-Ray traces, which every function of the platform writes.
const EVERY_FUNCTION = [
  "logs:CreateLogStream",
  "logs:PutLogEvents",
  "xray:PutTelemetryRecords",
  "xray:PutTraceSegments",
];

describe("scheduled functions", () => {
  it.each(KEYS)("runs %s on its catalog schedule, invocable only by that rule", (key) => {
    const { fnId, ruleId, rule, target, permission } = resourcesOf(key);
    expect(rule.schedule_expression).toBe(SCHEDULED_FUNCTIONS[key].schedule);
    expect(target.arn).toBe(`\${aws_lambda_function.${fnId}.arn}`);
    expect(permission).toMatchObject({
      principal: "events.amazonaws.com",
      action: "lambda:InvokeFunction",
      source_arn: `\${aws_cloudwatch_event_rule.${ruleId}.arn}`,
    });
  });

  it.each(KEYS)(
    "never overlaps %s with itself: one reserved execution, no async retries, undeliverable runs in an SQS DLQ",
    (key) => {
      const { fn, target, invokeConfig } = resourcesOf(key);
      expect(fn.reserved_concurrent_executions).toBe(1);
      expect(invokeConfig.maximum_retry_attempts).toBe(0);
      const queueId = /^\$\{aws_sqs_queue\.([^.]+)\.arn\}$/.exec(target.dead_letter_config.arn)![1];
      const [, queuePolicy] = only(
        "aws_sqs_queue_policy",
        (r) => r.queue_url === `\${aws_sqs_queue.${queueId}.url}`,
      );
      expect(JSON.parse(queuePolicy.policy).Statement[0]).toMatchObject({
        Principal: { Service: "events.amazonaws.com" },
        Action: ["sqs:SendMessage"],
        Condition: {
          ArnEquals: { "aws:SourceArn": `\${aws_cloudwatch_event_rule.${resourcesOf(key).ruleId}.arn}` },
        },
      });
    },
  );

  it("lets the event replay query the replay index, update events, read config and put events, and nothing else", () => {
    const { policy } = resourcesOf("eventReplay");
    expect(grants(policy).actions).toEqual([
      "dynamodb:GetItem",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
      ...EVERY_FUNCTION.slice(0, 2),
      "personalize:PutEvents",
      ...EVERY_FUNCTION.slice(2),
    ]);
    expect(grants(policy, "dynamodb:Query").resources.some((arn) => arn.includes("/index/"))).toBe(true);
  });

  it("lets the bandit updater list experiments, put records and history entries, and query counters, nothing else", () => {
    const { policy } = resourcesOf("banditUpdater");
    expect(grants(policy).actions).toEqual([
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:Scan",
      ...EVERY_FUNCTION,
    ]);
    const tableOf = (arn: string) => /aws_dynamodb_table\.([^.]+)\.arn/.exec(arn)?.[1];
    const tables = resourcesOfType(json, "aws_dynamodb_table");
    const named = (action: string) =>
      grants(policy, action)
        .resources.map((arn) => tables[tableOf(arn) ?? ""]?.name ?? arn)
        .sort();
    expect(named("dynamodb:Scan")).toEqual(["personalize-ab-dev-experiments"]);
    expect(named("dynamodb:PutItem")).toEqual([
      "personalize-ab-dev-experiment-history",
      "personalize-ab-dev-experiments",
    ]);
    expect(named("dynamodb:Query")).toEqual(["personalize-ab-dev-experiment-counters"]);
  });

  it("declares the bandit updater's rate as a whole number of minutes the alarms can use as their period", () => {
    expect(rateSeconds(SCHEDULED_FUNCTIONS.banditUpdater.schedule)).toBe(900);
    expect(rateSeconds("rate(1 hour)")).toBe(3600);
    expect(() => rateSeconds("cron(0 * * * ? *)")).toThrow(/not an EventBridge rate/);
  });

  it("breaks none of the platform's policy rules", () => {
    expect(checkStack(json as never)).toEqual([]);
  });

  it.each(KEYS)("gives %s only variables its catalog entry declares", (key) => {
    const names = Object.keys(resourcesOf(key).fn.environment.variables).filter(
      (name) => name !== "NODE_OPTIONS",
    );
    expect(
      names.filter((name) => !(SCHEDULED_FUNCTIONS[key].env as readonly string[]).includes(name)),
    ).toEqual([]);
    expect(names).toContain(SCHEDULED_FUNCTIONS[key].env[0]);
  });
});
