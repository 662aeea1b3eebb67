import { Sha256 } from "@aws-crypto/sha256-js";
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { regionOf } from "./api-target";
import { CliError } from "./cli-error";

export interface SigningOptions {
  readonly region?: string;
  readonly credentials?: AwsCredentialIdentityProvider;
}

async function credentialsFrom(provider: AwsCredentialIdentityProvider): Promise<AwsCredentialIdentity> {
  try {
    return await provider();
  } catch (error) {
    throw new CliError(
      `no AWS credentials to sign the request with (the experiment routes are IAM-authorized): ${(error as Error).message}. ` +
        "Set AWS_PROFILE (after `aws sso login`) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, " +
        "for an identity allowed execute-api:Invoke on the route.",
    );
  }
}

/**
 * A request with an AWS Signature V4 for API Gateway (`execute-api`), the JSON body included in
 * the signature, with credentials from the SDK's default chain (environment, SSO, shared files,
 * instance roles).
 */
export async function signedRequest(
  url: string,
  request: { readonly method: string; readonly body?: string },
  options: SigningOptions = {},
): Promise<Response> {
  const target = new URL(url);
  const signer = new SignatureV4({
    service: "execute-api",
    region: options.region ?? regionOf(url),
    credentials: await credentialsFrom(options.credentials ?? defaultProvider()),
    sha256: Sha256,
  });
  const headers: Record<string, string> = { host: target.host, accept: "application/json" };
  if (request.body !== undefined) headers["content-type"] = "application/json";
  const signed = await signer.sign({
    method: request.method,
    protocol: target.protocol,
    hostname: target.hostname,
    path: target.pathname,
    query: Object.fromEntries(target.searchParams),
    headers,
    ...(request.body !== undefined && { body: request.body }),
  });
  return fetch(url, {
    method: request.method,
    headers: signed.headers,
    ...(request.body !== undefined && { body: request.body }),
  });
}

/** GET, signed as signedRequest signs. */
export function signedGet(url: string, options: SigningOptions = {}): Promise<Response> {
  return signedRequest(url, { method: "GET" }, options);
}
