import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CliError } from "./cli-error";

export const DEPLOYED_ENVIRONMENTS = ["dev", "prod"] as const;
export type DeployedEnvironment = (typeof DEPLOYED_ENVIRONMENTS)[number];

/** The variable that gives an environment's API URL when its Terraform state is not on this machine. */
export function apiUrlVariable(env: DeployedEnvironment): string {
  return `PERSONALIZE_AB_${env.toUpperCase()}_API_URL`;
}

/**
 * The outputs of an environment's deployed stack, from its local Terraform state
 * (`infra/terraform.<env>.tfstate`, where `pnpm deploy:<env>` keeps it unless TF_STATE_BUCKET moved
 * it to S3). Undefined when there is no such file.
 */
export function readStackOutputs(
  repositoryRoot: string,
  env: DeployedEnvironment,
): Record<string, string> | undefined {
  const path = join(repositoryRoot, "infra", `terraform.${env}.tfstate`);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  let state: { outputs?: Record<string, { value?: unknown }> };
  try {
    state = JSON.parse(text);
  } catch {
    throw new CliError(`${path} is not a Terraform state file (not JSON)`);
  }
  return Object.fromEntries(
    Object.entries(state.outputs ?? {})
      .filter(([, output]) => typeof output.value === "string")
      .map(([name, output]) => [name, output.value as string]),
  );
}
