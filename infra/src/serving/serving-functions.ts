import { join } from "node:path";
import {
  ENV,
  type EnvVarName,
  FUNCTIONS,
  type FunctionDefinition,
  type FunctionKey,
  METRICS_NAMESPACE,
  TABLE_KEYS,
  TABLES,
  type TableKey,
} from "@personalize-ab/domain";
import { Construct } from "constructs";
import type { AwsContext } from "../aws-context";
import type { DynamodbTable } from "../cdktf";
import type { EnvironmentConfig } from "../config/environment-config";
import { catalogEnvironment } from "./function-environment";
import { catalogPolicyStatements } from "./function-permissions";
import { NodejsFunction } from "./nodejs-function";

export interface LambdaBundles {
  /** Folder holding one sub-folder per app, each with its dist/ bundle (the repository's apps/). */
  readonly appsRoot: string;
  readonly archiveDirectory: string;
}

export interface ServingFunctionsProps {
  readonly config: EnvironmentConfig;
  readonly aws: AwsContext;
  readonly tables: Readonly<Record<TableKey, DynamodbTable>>;
  readonly dataBucketName: string;
  readonly bundles: LambdaBundles;
  /** Values for variables set after training (campaign ARNs, tracking id), when known. */
  readonly trainedValues?: Readonly<Partial<Record<EnvVarName, string>>>;
}

/** Every function of the FUNCTIONS catalog, with the permissions and environment the catalog implies. */
export class ServingFunctions extends Construct {
  readonly byKey: Readonly<Record<FunctionKey, NodejsFunction>>;

  constructor(scope: Construct, id: string, props: ServingFunctionsProps) {
    super(scope, id);
    const { config } = props;
    const shared: Partial<Record<EnvVarName, string>> = {
      ...Object.fromEntries(TABLE_KEYS.map((key) => [TABLES[key].envVar, props.tables[key].name])),
      [ENV.dataBucket]: props.dataBucketName,
      [ENV.metricsNamespace]: METRICS_NAMESPACE,
      [ENV.configCacheTtlSeconds]: String(config.configCacheTtlSeconds),
      [ENV.personalizeTimeoutMs]: String(config.personalizeTimeoutMs),
      ...props.trainedValues,
    };
    const byKey = {} as Record<FunctionKey, NodejsFunction>;
    for (const [key, definition] of Object.entries(FUNCTIONS) as [FunctionKey, FunctionDefinition][]) {
      byKey[key] = new NodejsFunction(this, key, {
        functionName: servingFunctionName(config.namePrefix, definition),
        description: definition.description,
        app: definition.app,
        bundleDirectory: join(props.bundles.appsRoot, definition.app, "dist"),
        archiveDirectory: props.bundles.archiveDirectory,
        memoryMb: definition.memoryMb,
        timeoutSeconds: definition.timeoutSeconds,
        logRetentionDays: config.logRetentionDays,
        environment: catalogEnvironment(key, definition, { ...shared, [ENV.serviceName]: definition.app }),
        statements: catalogPolicyStatements(definition, props.tables, props.aws, config.namePrefix),
      });
    }
    this.byKey = byKey;
  }
}

export function servingFunctionName(namePrefix: string, definition: FunctionDefinition): string {
  return `${namePrefix}-${definition.app}`;
}
