import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SCHEDULED_FUNCTIONS } from "@personalize-ab/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { AwsContext } from "../src/aws-context";
import { TerraformStack, Testing } from "../src/cdktf";
import { ENVIRONMENTS } from "../src/config/environments";
import { checkStack } from "../src/policy/check-stack";
import { ScheduledFunctions } from "../src/serving/scheduled-functions";
import { PlatformTables } from "../src/storage/platform-tables";
import { onlyResource, resourcesOfType, type TerraformJson } from "./support/synthesized-platform";
import { writeBundle } from "./support/temporary-bundles";

const dev = ENVIRONMENTS.dev;
let json: TerraformJson;

beforeAll(() => {
  const stack = new TerraformStack(Testing.app(), "scheduled");
  const root = mkdtempSync(join(tmpdir(), "scheduled-"));
  writeBundle(
    join(root, "apps"),
    SCHEDULED_FUNCTIONS.eventReplay.app,
    "export const handler = async () => ({});\n",
  );
  new ScheduledFunctions(stack, "scheduled", {
    config: dev,
    aws: new AwsContext(stack, "aws", dev.region),
    tables: new PlatformTables(stack, "tables", dev).byKey,
    bundles: { appsRoot: join(root, "apps"), archiveDirectory: join(root, "archives") },
  });
  json = JSON.parse(Testing.synth(stack));
});

describe("scheduled functions", () => {
  it("runs the event replay on its catalog schedule, invocable only by that rule", () => {
    const rule = onlyResource(json, "aws_cloudwatch_event_rule");
    expect(rule).toMatchObject({
      name: "personalize-ab-dev-event-replay",
      schedule_expression: SCHEDULED_FUNCTIONS.eventReplay.schedule,
    });
    const target = onlyResource(json, "aws_cloudwatch_event_target");
    expect(target.arn).toMatch(/^\$\{aws_lambda_function\.[\w-]+\.arn\}$/);
    const permission = onlyResource(json, "aws_lambda_permission");
    expect(permission).toMatchObject({ principal: "events.amazonaws.com", action: "lambda:InvokeFunction" });
    expect(permission.source_arn).toMatch(/^\$\{aws_cloudwatch_event_rule\.[\w-]+\.arn\}$/);
  });

  it("never overlaps itself: one reserved execution, no async retries, and undeliverable runs kept in an SQS DLQ", () => {
    expect(onlyResource(json, "aws_lambda_function").reserved_concurrent_executions).toBe(1);
    expect(onlyResource(json, "aws_lambda_function_event_invoke_config")).toMatchObject({
      maximum_retry_attempts: 0,
    });
    const queue = Object.keys(resourcesOfType(json, "aws_sqs_queue"))[0];
    const target = onlyResource(json, "aws_cloudwatch_event_target");
    expect(target.dead_letter_config).toEqual({ arn: `\${aws_sqs_queue.${queue}.arn}` });
    const statement = JSON.parse(onlyResource(json, "aws_sqs_queue_policy").policy).Statement[0];
    expect(statement).toMatchObject({
      Principal: { Service: "events.amazonaws.com" },
      Action: ["sqs:SendMessage"],
      Condition: {
        ArnEquals: { "aws:SourceArn": expect.stringMatching(/^\$\{aws_cloudwatch_event_rule\./) },
      },
    });
  });

  it("may query the replay index, update events, read config and put events, and nothing else", () => {
    const policy = JSON.parse(onlyResource(json, "aws_iam_role_policy").policy);
    const statements = policy.Statement as TerraformJson[];
    const actions = [...new Set(statements.flatMap((s) => [s.Action].flat()))].sort();
    // Besides its own log stream and X-Ray traces, which every function of the platform writes.
    expect(actions).toEqual([
      "dynamodb:GetItem",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
      "personalize:PutEvents",
      "xray:PutTelemetryRecords",
      "xray:PutTraceSegments",
    ]);
    const queried = statements
      .filter((s) => [s.Action].flat().includes("dynamodb:Query"))
      .flatMap((s) => [s.Resource].flat() as string[]);
    expect(queried.some((arn) => arn.includes("/index/"))).toBe(true);
  });

  it("breaks none of the platform's policy rules", () => {
    expect(checkStack(json as never)).toEqual([]);
  });

  it("has its function's environment from the catalog", () => {
    const fn = onlyResource(json, "aws_lambda_function");
    expect(Object.keys(resourcesOfType(json, "aws_lambda_function"))).toHaveLength(1);
    for (const name of Object.keys(fn.environment.variables)) {
      if (name !== "NODE_OPTIONS") expect(SCHEDULED_FUNCTIONS.eventReplay.env).toContain(name);
    }
  });
});
