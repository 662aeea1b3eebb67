import { join } from "node:path";
import {
  ENV,
  type EnvVarName,
  METRICS_NAMESPACE,
  SCHEDULED_FUNCTIONS,
  type ScheduledFunctionDefinition,
  type ScheduledFunctionKey,
  TABLE_KEYS,
  TABLES,
  type TableKey,
} from "@personalize-ab/domain";
import { Construct } from "constructs";
import type { AwsContext } from "../aws-context";
import { CloudwatchEventRule, CloudwatchEventTarget, type DynamodbTable, LambdaPermission } from "../cdktf";
import type { EnvironmentConfig } from "../config/environment-config";
import { catalogEnvironment } from "./function-environment";
import { catalogPolicyStatements } from "./function-permissions";
import { NodejsFunction } from "./nodejs-function";
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
    const values: Partial<Record<EnvVarName, string>> = {
      ...Object.fromEntries(TABLE_KEYS.map((key) => [TABLES[key].envVar, props.tables[key].name])),
      [ENV.metricsNamespace]: METRICS_NAMESPACE,
      [ENV.configCacheTtlSeconds]: String(config.configCacheTtlSeconds),
      [ENV.personalizeTimeoutMs]: String(config.personalizeTimeoutMs),
      ...props.trainedValues,
    };
    const byKey = {} as Record<ScheduledFunctionKey, NodejsFunction>;
    const entries = Object.entries(SCHEDULED_FUNCTIONS) as [
      ScheduledFunctionKey,
      ScheduledFunctionDefinition,
    ][];
    for (const [key, definition] of entries) {
      const fn = new NodejsFunction(this, key, {
        functionName: `${config.namePrefix}-${definition.app}`,
        description: definition.description,
        app: definition.app,
        bundleDirectory: join(props.bundles.appsRoot, definition.app, "dist"),
        archiveDirectory: props.bundles.archiveDirectory,
        memoryMb: definition.memoryMb,
        timeoutSeconds: definition.timeoutSeconds,
        logRetentionDays: config.logRetentionDays,
        environment: catalogEnvironment(key, definition, { ...values, [ENV.serviceName]: definition.app }),
        statements: catalogPolicyStatements(definition, props.tables, props.aws, config.namePrefix),
      });
      const rule = new CloudwatchEventRule(this, `${key}-schedule`, {
        name: `${config.namePrefix}-${definition.app}`,
        description: definition.description,
        scheduleExpression: definition.schedule,
      });
      new CloudwatchEventTarget(this, `${key}-target`, { rule: rule.name, arn: fn.function.arn });
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
