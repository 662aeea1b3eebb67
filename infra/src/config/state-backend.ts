import { LocalBackend, S3Backend, type TerraformStack } from "../cdktf";

/**
 * Environment variables that move state to S3. Without TF_STATE_BUCKET the state stays local
 * (infra/terraform.<stack>.tfstate), which is what a laptop without an AWS account needs.
 */
export const STATE_BACKEND_ENV = {
  bucket: "TF_STATE_BUCKET",
  region: "TF_STATE_REGION",
  keyPrefix: "TF_STATE_KEY_PREFIX",
} as const;

export function configureStateBackend(
  stack: TerraformStack,
  stackName: string,
  defaultRegion: string,
  env: Readonly<Record<string, string | undefined>>,
): void {
  const bucket = env[STATE_BACKEND_ENV.bucket];
  if (!bucket) {
    // Relative to the stack's working directory (cdktf.out/stacks/<name>), so state survives re-synth
    // and the synthesized JSON does not depend on where the repository is checked out.
    new LocalBackend(stack, { path: `../../../terraform.${stackName}.tfstate` });
    return;
  }
  const keyPrefix = env[STATE_BACKEND_ENV.keyPrefix] ?? "personalize-ab";
  new S3Backend(stack, {
    bucket,
    key: `${keyPrefix}/${stackName}/terraform.tfstate`,
    region: env[STATE_BACKEND_ENV.region] ?? defaultRegion,
    encrypt: true,
  });
  // S3-native locking (Terraform >= 1.10); the DynamoDB lock table is deprecated and 0.21's
  // S3Backend has no field for this.
  stack.addOverride("terraform.backend.s3.use_lockfile", true);
}
