import { PersonalizeClient } from "@aws-sdk/client-personalize";
import { S3Client } from "@aws-sdk/client-s3";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { CLIENT_BUDGETS, createAwsClient, createDocumentClient } from "@personalize-ab/adapters";
import { ENV } from "@personalize-ab/domain";

/** What the actions talk to. The handler builds one per container; tests build their own. */
export interface ManagerContext {
  readonly personalize: PersonalizeClient;
  readonly s3: S3Client;
  readonly dynamo: DynamoDBDocumentClient;
  readonly settings: Readonly<Record<string, string | undefined>>;
  readonly now: () => Date;
}

export class MissingSettingError extends Error {
  override name = "MissingSettingError";
}

/** A setting the deployment must provide; its absence is our fault, not the caller's. */
export function requireSetting(context: ManagerContext, name: string): string {
  const value = context.settings[name];
  if (!value) throw new MissingSettingError(`environment variable ${name} is not set`);
  return value;
}

export function createManagerContext(env: NodeJS.ProcessEnv): ManagerContext {
  return {
    // Locally PERSONALIZE_ENDPOINT points the control plane at a stand-in, as DYNAMODB_ENDPOINT does.
    personalize: createAwsClient(PersonalizeClient, CLIENT_BUDGETS.personalizeControl, {
      endpointVar: ENV.personalizeEndpoint,
      env,
    }),
    s3: createAwsClient(S3Client, CLIENT_BUDGETS.s3, { env }),
    dynamo: createDocumentClient(env),
    settings: { ...env },
    now: () => new Date(),
  };
}
