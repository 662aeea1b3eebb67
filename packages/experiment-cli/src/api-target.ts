import { CliError } from "./cli-error";
import type { CommandIo } from "./command-io";
import {
  apiUrlVariable,
  DEPLOYED_ENVIRONMENTS,
  type DeployedEnvironment,
  readStackOutputs,
} from "./stack-outputs";

/** Where the results API is and whether requests to it must be signed. */
export interface ApiTarget {
  readonly baseUrl: string;
  /** Deployed APIs authorize the results route with IAM; the local platform leaves it open. */
  readonly signed: boolean;
}

/** The base URL of a deployed environment's API: its variable if set, else its stack outputs. */
export function deployedApiTarget(
  env: DeployedEnvironment,
  repositoryRoot: string,
  variables: NodeJS.ProcessEnv = process.env,
): ApiTarget {
  const variable = apiUrlVariable(env);
  const fromVariable = variables[variable];
  if (fromVariable) return { baseUrl: fromVariable.replace(/\/+$/, ""), signed: true };
  const outputs = readStackOutputs(repositoryRoot, env);
  const fromOutputs = outputs?.api_endpoint;
  if (fromOutputs) return { baseUrl: fromOutputs.replace(/\/+$/, ""), signed: true };
  throw new CliError(
    outputs
      ? `the ${env} stack's outputs have no api_endpoint; set ${variable} to the API URL`
      : `no API URL for ${env}: set ${variable}, or deploy with \`pnpm deploy:${env}\` so infra/terraform.${env}.tfstate holds the api_endpoint output`,
  );
}

export function urlTarget(url: string): ApiTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(`--url: ${JSON.stringify(url)} is not a URL`);
  }
  // An execute-api host is a deployed API behind IAM; anything else (the local gateway) is open.
  return {
    baseUrl: parsed.href.replace(/\/+$/, ""),
    signed: /\.execute-api\.[a-z0-9-]+\.amazonaws\.com$/.test(parsed.hostname),
  };
}

/** The region of an execute-api URL, e.g. `https://abc.execute-api.eu-west-1.amazonaws.com`. */
export function regionOf(url: string, variables: NodeJS.ProcessEnv = process.env): string {
  const fromHost = /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(new URL(url).hostname)?.[1];
  const region = fromHost ?? variables.AWS_REGION ?? variables.AWS_DEFAULT_REGION;
  if (!region) throw new CliError(`cannot tell the AWS region of ${url}: set AWS_REGION`);
  return region;
}

/** The local platform, where the experiment routes are open. */
export const LOCAL_API_URL = "http://127.0.0.1:3000";

/** `--url URL` or `--env dev|prod` (one of them), else the local platform. */
export function targetOf(
  values: { url?: string | undefined; env?: string | undefined },
  io: CommandIo,
): ApiTarget {
  if (values.url !== undefined && values.env !== undefined)
    throw new CliError("give --url or --env, not both");
  if (values.env !== undefined) {
    if (!DEPLOYED_ENVIRONMENTS.includes(values.env as DeployedEnvironment)) {
      throw new CliError(`--env: must be one of ${DEPLOYED_ENVIRONMENTS.join(", ")}`);
    }
    return deployedApiTarget(values.env as DeployedEnvironment, io.repositoryRoot, io.env);
  }
  return urlTarget(values.url ?? LOCAL_API_URL);
}

/** The options every API command takes. */
export const TARGET_OPTIONS = { url: { type: "string" }, env: { type: "string" } } as const;
