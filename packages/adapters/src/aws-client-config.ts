import type { EnvVarName } from "@personalize-ab/domain";
import { optionalEnv } from "./environment";

/**
 * Client settings for an AWS service. Locally an endpoint override points at DynamoDB Local or
 * the local recommender, which accept any credentials; the SDK still wants some, so dummy ones
 * are supplied unless real ones are in the environment.
 */
export function awsClientConfig(endpointVar: EnvVarName, env: NodeJS.ProcessEnv = process.env) {
  const endpoint = optionalEnv(endpointVar, env);
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1";
  if (!endpoint) return { region };
  const credentials = env.AWS_ACCESS_KEY_ID ? undefined : { accessKeyId: "local", secretAccessKey: "local" };
  return { region, endpoint, ...(credentials && { credentials }) };
}
