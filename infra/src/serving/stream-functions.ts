import {
  STREAM_FUNCTIONS,
  type StreamFunctionDefinition,
  type StreamFunctionKey,
  type TableKey,
} from "@personalize-ab/domain";
import { Construct } from "constructs";
import type { AwsContext } from "../aws-context";
import { type DynamodbTable, LambdaEventSourceMapping, SqsQueue } from "../cdktf";
import type { EnvironmentConfig } from "../config/environment-config";
import { allow } from "../iam/policy-document";
import { catalogFunction, catalogFunctionName, platformValues } from "./catalog-function";
import type { NodejsFunction } from "./nodejs-function";
import type { LambdaBundles } from "./serving-functions";

const FOURTEEN_DAYS = 1_209_600;

export interface StreamFunctionsProps {
  readonly config: EnvironmentConfig;
  readonly aws: AwsContext;
  readonly tables: Readonly<Record<TableKey, DynamodbTable>>;
  readonly bundles: LambdaBundles;
}

export interface StreamFunction {
  readonly fn: NodejsFunction;
  /** Where batches whose retries ran out are described (not the records: where they are in the stream). */
  readonly failures: SqsQueue;
}

/**
 * Every function of the STREAM_FUNCTIONS catalog: the function with its catalog permissions, one
 * event source mapping per source stream (batching, bisect on error, partial batch responses,
 * bounded retries), and an encrypted on-failure queue. The role may read exactly those streams
 * and send to exactly that queue.
 */
export class StreamFunctions extends Construct {
  readonly byKey: Readonly<Record<StreamFunctionKey, StreamFunction>>;

  constructor(scope: Construct, id: string, props: StreamFunctionsProps) {
    super(scope, id);
    const { config, tables } = props;
    const values = platformValues(config, tables);
    const byKey = {} as Record<StreamFunctionKey, StreamFunction>;
    const entries = Object.entries(STREAM_FUNCTIONS) as [StreamFunctionKey, StreamFunctionDefinition][];
    for (const [key, definition] of entries) {
      const failures = new SqsQueue(this, `${key}-failures`, {
        name: `${catalogFunctionName(config.namePrefix, definition)}-failures`,
        sqsManagedSseEnabled: true,
        messageRetentionSeconds: FOURTEEN_DAYS,
      });
      const streamArns = definition.streams.map((source) => tables[source.table].streamArn);
      const fn = catalogFunction(this, key, {
        ...props,
        key,
        definition,
        values,
        extraStatements: [
          allow(
            ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"],
            streamArns,
            "ReadSourceStreams",
          ),
          allow(["dynamodb:ListStreams"], ["*"], "ListSourceStreams"),
          allow(["sqs:SendMessage"], [failures.arn], "SendToFailureQueue"),
        ],
      });
      for (const source of definition.streams) {
        new LambdaEventSourceMapping(this, `${key}-${source.table}`, {
          eventSourceArn: tables[source.table].streamArn,
          functionName: fn.function.arn,
          startingPosition: source.startingPosition,
          batchSize: definition.batchSize,
          maximumBatchingWindowInSeconds: definition.maximumBatchingWindowSeconds,
          bisectBatchOnFunctionError: definition.bisectBatchOnFunctionError,
          maximumRetryAttempts: definition.maximumRetryAttempts,
          parallelizationFactor: definition.parallelizationFactor,
          functionResponseTypes: ["ReportBatchItemFailures"],
          destinationConfig: { onFailure: { destinationArn: failures.arn } },
        });
      }
      byKey[key] = { fn, failures };
    }
    this.byKey = byKey;
  }
}
