import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AwsProvider, TerraformStack, Testing } from "../src/cdktf";
import { allow } from "../src/iam/policy-document";
import { NodejsFunction, type NodejsFunctionProps } from "../src/serving/nodejs-function";
import type { TerraformJson } from "./support/synthesized-platform";
import { writeBundle } from "./support/temporary-bundles";

function synthFunction(overrides: Partial<NodejsFunctionProps> = {}) {
  const root = mkdtempSync(join(tmpdir(), "nodejs-function-"));
  const stack = new TerraformStack(Testing.app(), "stack");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  new NodejsFunction(stack, "trainer", {
    functionName: "pab-test-trainer",
    description: "trains",
    app: "trainer",
    bundleDirectory: writeBundle(root, "trainer", "export const handler = async () => 1;\n"),
    archiveDirectory: join(root, "zips"),
    memoryMb: 1024,
    timeoutSeconds: 60,
    logRetentionDays: 30,
    environment: { DATA_BUCKET: "bucket" },
    statements: [allow(["s3:GetObject"], ["arn:aws:s3:::bucket/*"], "ReadData")],
    ...overrides,
  });
  return JSON.parse(Testing.synth(stack));
}

describe("NodejsFunction", () => {
  const json = synthFunction();
  const fn = Object.values(json.resource.aws_lambda_function)[0] as TerraformJson;
  const policy = JSON.parse(
    (Object.values(json.resource.aws_iam_role_policy)[0] as { policy: string }).policy,
  );

  it("runs the bundle on Node 22 arm64 with tracing, JSON logs and source maps", () => {
    expect(fn).toMatchObject({
      function_name: "pab-test-trainer",
      runtime: "nodejs22.x",
      architectures: ["arm64"],
      handler: "handler.handler",
      memory_size: 1024,
      timeout: 60,
      tracing_config: { mode: "Active" },
      logging_config: { log_format: "JSON" },
      environment: { variables: { DATA_BUCKET: "bucket", NODE_OPTIONS: "--enable-source-maps" } },
    });
    expect(fn.filename).toMatch(
      /^assets\/trainer_bundle_[0-9A-F]{8}\/[0-9a-f]{32}\/trainer-[0-9a-f]{32}\.zip$/,
    );
  });

  it("creates its log group with the retention", () => {
    expect(Object.values(json.resource.aws_cloudwatch_log_group)).toEqual([
      expect.objectContaining({ name: "/aws/lambda/pab-test-trainer", retention_in_days: 30 }),
    ]);
  });

  it("lets its own role write its own logs, upload traces and do what it was given, nothing else", () => {
    expect(Object.keys(json.resource.aws_iam_role)).toHaveLength(1);
    expect(policy.Statement).toEqual([
      {
        Sid: "WriteOwnLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: [
          expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.trainer_logs_[0-9A-F]{8}\.arn\}:\*$/),
        ],
      },
      {
        Sid: "UploadTraces",
        Effect: "Allow",
        Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
        Resource: ["*"],
      },
      { Sid: "ReadData", Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::bucket/*"] },
    ]);
    const role = Object.values(json.resource.aws_iam_role)[0] as { assume_role_policy: string };
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
  });
});
