import {
  ENV,
  type EnvVarName,
  FUNCTIONS,
  type FunctionDefinition,
  type FunctionKey,
  type TableKey,
} from "@personalize-ab/domain";
import { Construct } from "constructs";
import type { AwsContext } from "../aws-context";
import type { DynamodbTable } from "../cdktf";
import type { EnvironmentConfig } from "../config/environment-config";
import { catalogFunction, platformValues } from "./catalog-function";
import type { NodejsFunction } from "./nodejs-function";

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
    const values: Partial<Record<EnvVarName, string>> = {
      ...platformValues(props.config, props.tables),
      [ENV.dataBucket]: props.dataBucketName,
      ...props.trainedValues,
    };
    const byKey = {} as Record<FunctionKey, NodejsFunction>;
    for (const [key, definition] of Object.entries(FUNCTIONS) as [FunctionKey, FunctionDefinition][]) {
      byKey[key] = catalogFunction(this, key, { ...props, key, definition, values });
    }
    this.byKey = byKey;
  }
}
