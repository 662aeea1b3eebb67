import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TRAINING_DATA_PREFIX } from "@personalize-ab/domain";
import { describe, expect, it } from "vitest";
import { AwsContext } from "../src/aws-context";
import { TerraformStack, Testing } from "../src/cdktf";
import { type EnvironmentConfig, validateEnvironmentConfig } from "../src/config/environment-config";
import { ENVIRONMENTS } from "../src/config/environments";
import { PersonalizeResources } from "../src/personalize/personalize-resources";
import { checkStack } from "../src/policy/check-stack";
import { PlatformTables } from "../src/storage/platform-tables";
import { TrainingPipeline } from "../src/training-pipeline/training-pipeline";
import { onlyResource, resourcesOfType, type TerraformJson } from "./support/synthesized-platform";
import { writeBundle } from "./support/temporary-bundles";

const dev = ENVIRONMENTS.dev;
const BUCKET_ARN = "arn:aws:s3:::personalize-ab-dev-data";

function synthPipeline(config: EnvironmentConfig = dev): TerraformJson {
  const stack = new TerraformStack(Testing.app(), "training");
  const root = mkdtempSync(join(tmpdir(), "training-"));
  writeBundle(join(root, "apps"), "personalize-manager", "export const handler = async () => ({});\n");
  const aws = new AwsContext(stack, "aws", dev.region);
  const personalize = new PersonalizeResources(stack, "personalize", {
    namePrefix: dev.namePrefix,
    region: dev.region,
    aws,
    dataBucketArn: BUCKET_ARN,
  });
  new TrainingPipeline(stack, "training", {
    config,
    aws,
    tables: new PlatformTables(stack, "tables", dev).byKey,
    dataBucketName: "personalize-ab-dev-data",
    dataBucketArn: BUCKET_ARN,
    personalize,
    bundles: { appsRoot: join(root, "apps"), archiveDirectory: join(root, "archives") },
    alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:alarms",
  });
  return JSON.parse(Testing.synth(stack));
}

const json = synthPipeline();
const addressOf = (type: string, fragment: string) =>
  `${type}.${Object.keys(resourcesOfType(json, type)).find((key) => key.includes(fragment))}`;
const roleNamed = (name: string) =>
  Object.entries(resourcesOfType(json, "aws_iam_role")).find(([, role]) => role.name === name)!;
const policyOfRole = (name: string) => {
  const [key] = roleNamed(name);
  const policy = Object.values(resourcesOfType(json, "aws_iam_role_policy")).find((p) =>
    String(p.role).includes(`aws_iam_role.${key}.`),
  );
  return JSON.parse(policy.policy);
};

describe("TrainingPipeline", () => {
  it("runs the pipeline definition with every task invoking the manager", () => {
    const machine = onlyResource(json, "aws_sfn_state_machine");
    expect(machine.name).toBe("personalize-ab-dev-training");
    expect(machine.type).toBe("STANDARD");
    const definition = JSON.parse(machine.definition);
    expect(definition.StartAt).toBe("Export interactions");
    const functionNames = [...machine.definition.matchAll(/"FunctionName":"([^"]+)"/g)].map(
      (match) => match[1],
    );
    expect(functionNames.length).toBeGreaterThan(10);
    expect(new Set(functionNames)).toEqual(
      new Set([`\${${addressOf("aws_lambda_function", "manager")}.arn}`]),
    );
    expect(machine.definition).toContain(
      `\${${addressOf("awscc_personalize_dataset", "interactions")}.dataset_arn}`,
    );
    expect(machine.definition).toContain(
      `\${${addressOf("awscc_personalize_solution", "similar-items")}.solution_arn}`,
    );
  });

  it("lets the state machine only invoke the manager, deliver its error logs and send traces", () => {
    const [, role] = roleNamed("personalize-ab-dev-training-pipeline");
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal).toEqual({
      Service: "states.amazonaws.com",
    });
    expect(policyOfRole("personalize-ab-dev-training-pipeline").Statement).toEqual([
      {
        Sid: "InvokeManager",
        Effect: "Allow",
        Action: ["lambda:InvokeFunction"],
        Resource: [`\${${addressOf("aws_lambda_function", "manager")}.arn}`],
      },
      {
        Sid: "DeliverExecutionLogs",
        Effect: "Allow",
        Action: [
          "logs:CreateLogDelivery",
          "logs:GetLogDelivery",
          "logs:UpdateLogDelivery",
          "logs:DeleteLogDelivery",
          "logs:ListLogDeliveries",
          "logs:PutResourcePolicy",
          "logs:DescribeResourcePolicies",
          "logs:DescribeLogGroups",
        ],
        Resource: ["*"],
      },
      {
        Sid: "UploadTraces",
        Effect: "Allow",
        Action: [
          "xray:PutTraceSegments",
          "xray:PutTelemetryRecords",
          "xray:GetSamplingRules",
          "xray:GetSamplingTargets",
        ],
        Resource: ["*"],
      },
    ]);
  });

  it("logs errors without execution data to its own log group, and traces with X-Ray", () => {
    const machine = onlyResource(json, "aws_sfn_state_machine");
    const logGroup = addressOf("aws_cloudwatch_log_group", "state-machine-logs");
    expect(machine.logging_configuration).toEqual({
      level: "ERROR",
      include_execution_data: false,
      log_destination: `\${${logGroup}.arn}:*`,
    });
    expect(machine.tracing_configuration).toEqual({ enabled: true });
  });

  it("gives the manager the catalog's tables, the training prefix and PassRole to Personalize only", () => {
    const statements = policyOfRole("personalize-ab-dev-personalize-manager").Statement as TerraformJson[];
    const bySid = Object.fromEntries(statements.map((statement) => [statement.Sid, statement]));
    expect(bySid.TableEvents.Action).toEqual(["dynamodb:Scan"]);
    expect(bySid.TableExperiments.Action).toEqual(["dynamodb:GetItem", "dynamodb:UpdateItem"]);
    expect(bySid.TableExperimentHistory.Action).toEqual(["dynamodb:PutItem"]);
    expect(bySid.TrainingDataObjects).toEqual({
      Sid: "TrainingDataObjects",
      Effect: "Allow",
      Action: ["s3:PutObject", "s3:AbortMultipartUpload"],
      Resource: [`${BUCKET_ARN}/${TRAINING_DATA_PREFIX}*`],
    });
    expect(bySid.PassRoleToPersonalize).toEqual({
      Sid: "PassRoleToPersonalize",
      Effect: "Allow",
      Action: ["iam:PassRole"],
      Resource: [`\${${addressOf("aws_iam_role", "personalize")}.arn}`],
      Condition: { StringEquals: { "iam:PassedToService": "personalize.amazonaws.com" } },
    });
    expect(bySid.PersonalizeListing.Resource).toEqual(["*"]);
    expect(
      bySid.PersonalizeListing.Action.every((action: string) => action.startsWith("personalize:List")),
    ).toBe(true);
    expect(bySid.PersonalizeCampaigns.Action).toEqual([
      "personalize:CreateCampaign",
      "personalize:DescribeCampaign",
      "personalize:UpdateCampaign",
    ]);
    expect(bySid.PersonalizeCampaigns.Resource[0]).toMatch(
      /:personalize:us-east-1:\$\{.+\}:campaign\/personalize-ab-dev-\*$/,
    );
    expect(bySid.PersonalizeSolutions.Resource[0]).toMatch(/:solution\/personalize-ab-dev-\*$/);
    expect(bySid.PersonalizeFilters).toMatchObject({
      Action: ["personalize:CreateFilter", "personalize:DescribeFilter"],
      Resource: [expect.stringMatching(/:filter\/personalize-ab-dev-\*$/)],
    });
    expect(bySid.PersonalizeDatasetGroup.Resource[0]).toMatch(/:dataset-group\/personalize-ab-dev$/);
  });

  it("passes the manager exactly the variables its catalog entry declares", () => {
    const manager = onlyResource(json, "aws_lambda_function");
    expect(Object.keys(manager.environment.variables).sort()).toEqual([
      "DATA_BUCKET",
      "EVENTS_TABLE",
      "EXPERIMENTS_TABLE",
      "EXPERIMENT_HISTORY_TABLE",
      "NODE_OPTIONS",
      "POWERTOOLS_SERVICE_NAME",
    ]);
    expect(manager.timeout).toBe(900);
  });

  it("starts the pipeline on the environment's schedule through a role that may only start it", () => {
    const rule = onlyResource(json, "aws_cloudwatch_event_rule");
    expect(rule).toMatchObject({ schedule_expression: dev.training.schedule, state: "DISABLED" });
    const target = onlyResource(json, "aws_cloudwatch_event_target");
    expect(target.arn).toBe(`\${${addressOf("aws_sfn_state_machine", "state-machine")}.arn}`);
    expect(target.input).toBe("{}");
    expect(policyOfRole("personalize-ab-dev-training-schedule").Statement).toEqual([
      { Sid: "StartTraining", Effect: "Allow", Action: ["states:StartExecution"], Resource: [target.arn] },
    ]);
    const weekly = { ...dev, training: { schedule: "cron(30 1 ? * MON *)", scheduleEnabled: true } };
    expect(onlyResource(synthPipeline(weekly), "aws_cloudwatch_event_rule")).toMatchObject({
      schedule_expression: "cron(30 1 ? * MON *)",
      state: "ENABLED",
    });
  });

  it("alarms when a run fails or times out", () => {
    const alarm = onlyResource(json, "aws_cloudwatch_metric_alarm");
    expect(alarm).toMatchObject({
      alarm_name: "personalize-ab-dev-training-failed",
      comparison_operator: "GreaterThanThreshold",
      threshold: 0,
      alarm_actions: ["arn:aws:sns:us-east-1:123456789012:alarms"],
    });
    const metrics = alarm.metric_query.filter((query: TerraformJson) => query.metric);
    expect(metrics.map((query: TerraformJson) => query.metric.metric_name)).toEqual([
      "ExecutionsFailed",
      "ExecutionsTimedOut",
    ]);
    expect(metrics[0].metric.dimensions.StateMachineArn).toBe(
      `\${${addressOf("aws_sfn_state_machine", "state-machine")}.arn}`,
    );
  });

  it("refuses an environment whose training schedule is not a schedule expression", () => {
    const weekly = { ...dev, training: { schedule: "every sunday", scheduleEnabled: true } };
    expect(() => validateEnvironmentConfig(weekly)).toThrow(
      /training\.schedule "every sunday" is not an EventBridge schedule expression/,
    );
  });

  it("breaks none of the platform's policy rules", () => {
    expect(checkStack(json)).toEqual([]);
  });
});
