import { Sha256 } from "@aws-crypto/sha256-js";
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { regionOf } from "./api-target";
import { CliError } from "./cli-error";

async function credentialsFrom(provider: AwsCredentialIdentityProvider): Promise<AwsCredentialIdentity> {
  try {
    return await provider();
  } catch (error) {
    throw new CliError(
      `no AWS credentials to sign the request with (the results route is IAM-authorized): ${(error as Error).message}. ` +
        "Set AWS_PROFILE (after `aws sso login`) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, " +
        "for an identity allowed execute-api:Invoke on the route.",
    );
  }
}

/**
 * GET with an AWS Signature V4 for API Gateway (`execute-api`), with credentials from the SDK's
 * default chain (environment, SSO, shared files, instance roles).
 */
export async function signedGet(
  url: string,
  options: { region?: string; credentials?: AwsCredentialIdentityProvider } = {},
): Promise<Response> {
  const target = new URL(url);
  const signer = new SignatureV4({
    service: "execute-api",
    region: options.region ?? regionOf(url),
    credentials: await credentialsFrom(options.credentials ?? defaultProvider()),
    sha256: Sha256,
  });
  const signed = await signer.sign({
    method: "GET",
    protocol: target.protocol,
    hostname: target.hostname,
    path: target.pathname,
    query: Object.fromEntries(target.searchParams),
    headers: { host: target.host, accept: "application/json" },
  });
  return fetch(url, { method: "GET", headers: signed.headers });
}
