/** Temporary AWS credentials, as Cognito hands them to a guest of an identity pool. */
export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

/** One call of Cognito Identity's JSON protocol; both calls used here are unsigned by design. */
async function cognitoCall<T>(region: string, action: string, body: object): Promise<T> {
  const response = await fetch(`https://cognito-identity.${region}.amazonaws.com/`, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": `AWSCognitoIdentityService.${action}`,
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`Cognito ${action} answered ${response.status}`);
  return (await response.json()) as T;
}

/**
 * The guest (unauthenticated) identity's credentials: GetId, then GetCredentialsForIdentity. The
 * identity id is kept for the tab's life so that refreshes reuse it.
 */
export async function guestCredentials(
  region: string,
  identityPoolId: string,
): Promise<TemporaryCredentials> {
  const storageKey = `personalize-ab:identity:${identityPoolId}`;
  let identityId = sessionStorage.getItem(storageKey);
  if (!identityId) {
    ({ IdentityId: identityId } = await cognitoCall<{ IdentityId: string }>(region, "GetId", {
      IdentityPoolId: identityPoolId,
    }));
    sessionStorage.setItem(storageKey, identityId);
  }
  const { Credentials } = await cognitoCall<{
    Credentials: { AccessKeyId: string; SecretKey: string; SessionToken: string; Expiration: number };
  }>(region, "GetCredentialsForIdentity", { IdentityId: identityId });
  return {
    accessKeyId: Credentials.AccessKeyId,
    secretAccessKey: Credentials.SecretKey,
    sessionToken: Credentials.SessionToken,
    // Cognito gives seconds since the epoch.
    expiresAt: Credentials.Expiration * 1000,
  };
}
