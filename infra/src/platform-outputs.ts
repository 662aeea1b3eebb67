import { FUNCTIONS, type FunctionKey, TABLE_KEYS, type TableKey } from "@personalize-ab/domain";
import type { Construct } from "constructs";
import { type DynamodbTable, TerraformOutput } from "./cdktf";
import type { NodejsFunction } from "./serving/nodejs-function";

export interface PlatformOutputsProps {
  readonly apiEndpoint: string;
  readonly tables: Readonly<Record<TableKey, DynamodbTable>>;
  readonly dataBucketName: string;
  readonly functions: Readonly<Record<FunctionKey, NodejsFunction>>;
}

/** Outputs named after what they are: `api_endpoint`, `events_table_name`, `ab_router_function_name`. */
export function addPlatformOutputs(stack: Construct, props: PlatformOutputsProps): void {
  new TerraformOutput(stack, "api_endpoint", {
    value: props.apiEndpoint,
    description: "Base URL of the HTTP API",
  });
  for (const key of TABLE_KEYS) {
    new TerraformOutput(stack, `${snakeCase(key)}_table_name`, { value: props.tables[key].name });
  }
  new TerraformOutput(stack, "data_bucket_name", {
    value: props.dataBucketName,
    description: "Bucket for Personalize training data",
  });
  for (const key of Object.keys(FUNCTIONS) as FunctionKey[]) {
    new TerraformOutput(stack, `${snakeCase(FUNCTIONS[key].app)}_function_name`, {
      value: props.functions[key].functionName,
    });
  }
}

function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/-/g, "_")
    .toLowerCase();
}
