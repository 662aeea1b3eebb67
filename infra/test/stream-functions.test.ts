import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { STREAM_FUNCTIONS } from "@personalize-ab/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { AwsContext } from "../src/aws-context";
import { TerraformStack, Testing } from "../src/cdktf";
import { ENVIRONMENTS } from "../src/config/environments";
import { StreamAlarms } from "../src/observability/stream-alarms";
import { checkStack } from "../src/policy/check-stack";
import { StreamFunctions } from "../src/serving/stream-functions";
import { PlatformTables } from "../src/storage/platform-tables";
import { onlyResource, resourcesOfType, type TerraformJson } from "./support/synthesized-platform";
import { writeBundle } from "./support/temporary-bundles";

const dev = ENVIRONMENTS.dev;
const counters = STREAM_FUNCTIONS.experimentCounters;
let json: TerraformJson;

beforeAll(() => {
  const stack = new TerraformStack(Testing.app(), "streams");
  const root = mkdtempSync(join(tmpdir(), "streams-"));
  writeBundle(join(root, "apps"), counters.app, "export const handler = async () => ({});\n");
  const functions = new StreamFunctions(stack, "stream-functions", {
    config: dev,
    aws: new AwsContext(stack, "aws", dev.region),
    tables: new PlatformTables(stack, "tables", dev).byKey,
    bundles: { appsRoot: join(root, "apps"), archiveDirectory: join(root, "archives") },
  });
  new StreamAlarms(stack, "alarms", {
    consumers: Object.values(functions.byKey),
    iteratorAgeMs: dev.streamIteratorAgeAlarmMs,
    topicArn: "arn:aws:sns:us-east-1:111111111111:alarms",
  });
  json = JSON.parse(Testing.synth(stack));
});

describe("stream functions", () => {
  it("maps each catalog source stream to the consumer with batching, bisect, partial responses and a failure queue", () => {
    const mappings = Object.values(resourcesOfType(json, "aws_lambda_event_source_mapping"));
    expect(mappings.map((m) => m.event_source_arn).sort()).toEqual(
      counters.streams.map((s) =>
        expect.stringMatching(
          new RegExp(`^\\$\\{aws_dynamodb_table\\.[\\w-]*${s.table}[\\w-]*\\.stream_arn\\}$`),
        ),
      ),
    );
    for (const mapping of mappings) {
      expect(mapping).toMatchObject({
        batch_size: counters.batchSize,
        maximum_batching_window_in_seconds: counters.maximumBatchingWindowSeconds,
        bisect_batch_on_function_error: true,
        maximum_retry_attempts: counters.maximumRetryAttempts,
        parallelization_factor: counters.parallelizationFactor,
        function_response_types: ["ReportBatchItemFailures"],
        starting_position: "TRIM_HORIZON",
      });
      expect(mapping.destination_config.on_failure.destination_arn).toMatch(
        /^\$\{aws_sqs_queue\.[\w-]+\.arn\}$/,
      );
    }
  });

  it("encrypts the failure queue and keeps its messages 14 days", () => {
    expect(onlyResource(json, "aws_sqs_queue")).toMatchObject({
      name: "personalize-ab-dev-experiment-counters-failures",
      sqs_managed_sse_enabled: true,
      message_retention_seconds: 1_209_600,
    });
  });

  it("may read exactly its two streams, send to its queue and write counters, and nothing else", () => {
    const policy = JSON.parse(onlyResource(json, "aws_iam_role_policy").policy);
    const statements = policy.Statement as TerraformJson[];
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
    expect([bySid.ReadSourceStreams.Action].flat().sort()).toEqual([
      "dynamodb:DescribeStream",
      "dynamodb:GetRecords",
      "dynamodb:GetShardIterator",
    ]);
    const streams = [bySid.ReadSourceStreams.Resource].flat() as string[];
    expect(streams).toHaveLength(2);
    expect(streams.every((arn) => /\.stream_arn\}$/.test(arn))).toBe(true);
    expect(bySid.SendToFailureQueue.Action).toEqual(["sqs:SendMessage"]);
    expect([bySid.SendToFailureQueue.Resource].flat()).toEqual([
      expect.stringMatching(/^\$\{aws_sqs_queue\.[\w-]+\.arn\}$/),
    ]);
    const actions = [...new Set(statements.flatMap((s) => [s.Action].flat()))].sort();
    expect(actions).toEqual([
      "dynamodb:BatchGetItem",
      "dynamodb:DescribeStream",
      "dynamodb:GetItem",
      "dynamodb:GetRecords",
      "dynamodb:GetShardIterator",
      "dynamodb:ListStreams",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
      "sqs:SendMessage",
      "xray:PutTelemetryRecords",
      "xray:PutTraceSegments",
    ]);
    // Writes go to the counter tables only.
    const writes = statements.filter((s) =>
      [s.Action].flat().some((a: string) => a === "dynamodb:PutItem" || a === "dynamodb:UpdateItem"),
    );
    expect(writes.flatMap((s) => [s.Resource].flat()).sort()).toEqual([
      expect.stringMatching(/experimentCounters/),
      expect.stringMatching(/experimentUserMetrics/),
    ]);
  });

  it("alarms on iterator age and on the failure queue's depth, to the alarm topic", () => {
    const alarms = Object.values(resourcesOfType(json, "aws_cloudwatch_metric_alarm"));
    expect(alarms.map((a) => [a.namespace, a.metric_name, a.threshold]).sort()).toEqual([
      ["AWS/Lambda", "IteratorAge", dev.streamIteratorAgeAlarmMs],
      ["AWS/SQS", "ApproximateNumberOfMessagesVisible", 0],
    ]);
    for (const alarm of alarms)
      expect(alarm.alarm_actions).toEqual(["arn:aws:sns:us-east-1:111111111111:alarms"]);
  });

  it("gives the consumer its shard count and breaks none of the platform's policy rules", () => {
    const fn = onlyResource(json, "aws_lambda_function");
    expect(fn.environment.variables.EXPERIMENT_COUNTER_SHARDS).toBe(String(dev.experimentCounterShards));
    expect(checkStack(json as never)).toEqual([]);
  });
});
