import {
  type EnvVarName,
  SCHEDULED_FUNCTIONS,
  type ScheduledFunctionDefinition,
  type ScheduledFunctionKey,
  type TableKey,
} from "@personalize-ab/domain";
import { Construct } from "constructs";
import type { AwsContext } from "../aws-context";
import {
  CloudwatchEventRule,
  CloudwatchEventTarget,
  type DynamodbTable,
  LambdaFunctionEventInvokeConfig,
  LambdaPermission,
  SqsQueue,
  SqsQueuePolicy,
} from "../cdktf";
import type { EnvironmentConfig } from "../config/environment-config";
import { policyDocument } from "../iam/policy-document";
import { catalogFunction, platformValues } from "./catalog-function";
import type { NodejsFunction } from "./nodejs-function";
import type { LambdaBundles } from "./serving-functions";

export interface ScheduledFunctionsProps {
  readonly config: EnvironmentConfig;
  readonly aws: AwsContext;
  readonly tables: Readonly<Record<TableKey, DynamodbTable>>;
  readonly bundles: LambdaBundles;
  readonly trainedValues?: Readonly<Partial<Record<EnvVarName, string>>>;
}

/**
 * Every function of the SCHEDULED_FUNCTIONS catalog, with the permissions and environment the
 * catalog implies, and the EventBridge rule that invokes it (allowed only from that rule).
 */
export class ScheduledFunctions extends Construct {
  readonly byKey: Readonly<Record<ScheduledFunctionKey, NodejsFunction>>;

  constructor(scope: Construct, id: string, props: ScheduledFunctionsProps) {
    super(scope, id);
    const { config } = props;
    const values = { ...platformValues(config, props.tables), ...props.trainedValues };
    const byKey = {} as Record<ScheduledFunctionKey, NodejsFunction>;
    const entries = Object.entries(SCHEDULED_FUNCTIONS) as [
      ScheduledFunctionKey,
      ScheduledFunctionDefinition,
    ][];
    for (const [key, definition] of entries) {
      const fn = catalogFunction(this, key, { ...props, key, definition, values });
      const rule = new CloudwatchEventRule(this, `${key}-schedule`, {
        name: `${config.namePrefix}-${definition.app}`,
        description: definition.description,
        scheduleExpression: definition.schedule,
      });
      // A run that EventBridge cannot deliver lands here instead of vanishing.
      const deadLetters = new SqsQueue(this, `${key}-schedule-dlq`, {
        name: `${config.namePrefix}-${definition.app}-schedule-dlq`,
        messageRetentionSeconds: 1_209_600,
        sqsManagedSseEnabled: true,
      });
      new SqsQueuePolicy(this, `${key}-schedule-dlq-policy`, {
        queueUrl: deadLetters.url,
        policy: policyDocument([
          {
            Sid: "ScheduleDeadLetters",
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: ["sqs:SendMessage"],
            Resource: [deadLetters.arn],
            Condition: { ArnEquals: { "aws:SourceArn": rule.arn } },
          },
        ]),
      });
      new CloudwatchEventTarget(this, `${key}-target`, {
        rule: rule.name,
        arn: fn.function.arn,
        deadLetterConfig: { arn: deadLetters.arn },
      });
      // The next scheduled run is the retry: Lambda's own async retries would overlap it.
      new LambdaFunctionEventInvokeConfig(this, `${key}-invoke-config`, {
        functionName: fn.function.functionName,
        maximumRetryAttempts: 0,
      });
      new LambdaPermission(this, `${key}-invoke`, {
        statementId: "AllowScheduleInvoke",
        action: "lambda:InvokeFunction",
        functionName: fn.function.functionName,
        principal: "events.amazonaws.com",
        sourceArn: rule.arn,
      });
      byKey[key] = fn;
    }
    this.byKey = byKey;
  }
}
