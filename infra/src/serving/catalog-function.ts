import { join } from "node:path";
import {
  ENV,
  type EnvVarName,
  type FunctionDefinition,
  METRICS_NAMESPACE,
  TABLE_KEYS,
  TABLES,
  type TableKey,
} from "@personalize-ab/domain";
import type { Construct } from "constructs";
import type { AwsContext } from "../aws-context";
import type { DynamodbTable } from "../cdktf";
import type { EnvironmentConfig } from "../config/environment-config";
import type { PolicyStatement } from "../iam/policy-document";
import { catalogEnvironment } from "./function-environment";
import { catalogPolicyStatements } from "./function-permissions";
import { NodejsFunction } from "./nodejs-function";
import type { LambdaBundles } from "./serving-functions";

export interface CatalogFunctionProps {
  /** The function's catalog key, named in errors about its environment. */
  readonly key: string;
  readonly definition: FunctionDefinition;
  readonly config: EnvironmentConfig;
  readonly aws: AwsContext;
  readonly tables: Readonly<Record<TableKey, DynamodbTable>>;
  readonly bundles: LambdaBundles;
  /** Values for the variables functions declare; each function takes only those it declares. */
  readonly values: Readonly<Partial<Record<EnvVarName, string>>>;
  /** Permissions beyond what the catalog's table and Personalize access imply. */
  readonly extraStatements?: readonly PolicyStatement[];
}

/** `<prefix>-<app>`: the function, its role and its log group are all named after the app. */
export function catalogFunctionName(namePrefix: string, definition: FunctionDefinition): string {
  return `${namePrefix}-${definition.app}`;
}

/** The values every catalog function may declare: table names and the environment's settings. */
export function platformValues(
  config: EnvironmentConfig,
  tables: Readonly<Record<TableKey, DynamodbTable>>,
): Partial<Record<EnvVarName, string>> {
  return {
    ...Object.fromEntries(TABLE_KEYS.map((key) => [TABLES[key].envVar, tables[key].name])),
    [ENV.metricsNamespace]: METRICS_NAMESPACE,
    [ENV.configCacheTtlSeconds]: String(config.configCacheTtlSeconds),
    [ENV.personalizeTimeoutMs]: String(config.personalizeTimeoutMs),
    // Writers and readers of the experiment counters must agree on it.
    [ENV.experimentCounterShards]: String(config.experimentCounterShards),
    [ENV.dataRetentionDays]: String(config.dataRetentionDays),
    [ENV.environmentName]: config.name,
  };
}

/** One function of a catalog, its permissions and environment derived from its definition. */
export function catalogFunction(scope: Construct, id: string, props: CatalogFunctionProps): NodejsFunction {
  const { config, definition } = props;
  return new NodejsFunction(scope, id, {
    functionName: catalogFunctionName(config.namePrefix, definition),
    description: definition.description,
    app: definition.app,
    bundleDirectory: join(props.bundles.appsRoot, definition.app, "dist"),
    archiveDirectory: props.bundles.archiveDirectory,
    memoryMb: definition.memoryMb,
    timeoutSeconds: definition.timeoutSeconds,
    reservedConcurrency: definition.reservedConcurrency,
    logRetentionDays: config.logRetentionDays,
    environment: catalogEnvironment(props.key, definition, {
      ...props.values,
      [ENV.serviceName]: definition.app,
    }),
    statements: [
      ...catalogPolicyStatements(definition, props.tables, props.aws, config.namePrefix),
      ...(props.extraStatements ?? []),
    ],
  });
}
