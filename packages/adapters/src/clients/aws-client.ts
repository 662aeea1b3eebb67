import type { EnvVarName } from "@personalize-ab/domain";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { optionalEnv } from "../environment";
import { tracer } from "../powertools";
import type { ClientBudget } from "./client-budgets";

/**
 * Settings for an AWS SDK client: region, timeouts and retries from its budget, and, locally, an
 * endpoint override (DynamoDB Local, the local recommender). Those accept any credentials; the SDK
 * still wants some, so dummy ones are supplied unless real ones are in the environment.
 */
export function awsClientOptions(
  endpointVar: EnvVarName | undefined,
  budget: ClientBudget,
  env: NodeJS.ProcessEnv = process.env,
) {
  const endpoint = endpointVar && optionalEnv(endpointVar, env);
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1";
  const requestHandler = new NodeHttpHandler({
    connectionTimeout: budget.connectionTimeoutMs,
    requestTimeout: budget.requestTimeoutMs,
    // Without it the SDK only warns when requestTimeout passes, and waits on.
    throwOnRequestTimeout: true,
  });
  const common = { region, requestHandler, maxAttempts: budget.maxAttempts };
  if (!endpoint) return common;
  const credentials = env.AWS_ACCESS_KEY_ID ? undefined : { accessKeyId: "local", secretAccessKey: "local" };
  return { ...common, endpoint, ...(credentials && { credentials }) };
}

type ClientOptions = ReturnType<typeof awsClientOptions>;

/**
 * The one way every function builds an SDK client: timeouts and bounded retries from its budget,
 * traced by Powertools Tracer (a subsegment per call when the function runs with active tracing;
 * untouched elsewhere).
 */
export function createAwsClient<C extends Parameters<typeof tracer.captureAWSv3Client>[0]>(
  Client: new (options: ClientOptions) => C,
  budget: ClientBudget,
  options: { endpointVar?: EnvVarName; env?: NodeJS.ProcessEnv } = {},
): C {
  return tracer.captureAWSv3Client(new Client(awsClientOptions(options.endpointVar, budget, options.env)));
}
