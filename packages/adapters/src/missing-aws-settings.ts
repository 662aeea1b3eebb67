/** The resolved settings of an SDK client: `client.config` of any AWS SDK v3 client. */
export interface ResolvedClientSettings {
  region(): Promise<string>;
  credentials(): Promise<unknown>;
}

/**
 * What a command run against a real account lacks, as one line naming what to set, or undefined
 * when the client finds both a region and credentials. The SDK alone says only "Region is missing".
 */
export async function missingAwsSettings(config: ResolvedClientSettings): Promise<string | undefined> {
  const missing: string[] = [];
  if (!(await config.region().catch(() => undefined))) missing.push("AWS region (set AWS_REGION)");
  if (!(await config.credentials().catch(() => undefined))) {
    missing.push("AWS credentials (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE)");
  }
  return missing.length === 0 ? undefined : `no ${missing.join(" and no ")} found`;
}
