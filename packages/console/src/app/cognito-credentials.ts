/** Temporary AWS credentials for signing the console's calls. */
export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

/** One call of Cognito Identity's JSON protocol; the calls used here are unsigned by design. */
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

/** STS's answer is XML; the four values sit in elements of these names. */
function credentialsFromStsXml(xml: string): TemporaryCredentials {
  const document = new DOMParser().parseFromString(xml, "application/xml");
  const text = (name: string) => {
    const value = document.getElementsByTagName(name)[0]?.textContent;
    if (!value) throw new Error(`STS answer has no ${name}`);
    return value;
  };
  return {
    accessKeyId: text("AccessKeyId"),
    secretAccessKey: text("SecretAccessKey"),
    sessionToken: text("SessionToken"),
    expiresAt: Date.parse(text("Expiration")),
  };
}

/**
 * Guest credentials by Cognito's basic flow: GetId, GetOpenIdToken, then STS
 * AssumeRoleWithWebIdentity on the console's role. The enhanced flow would scope guest sessions
 * down to a list of services that leaves out execute-api; the role itself is what limits them
 * (execute-api:Invoke on the admin and results routes, from the allowed networks).
 */
export async function guestCredentials(
  region: string,
  identityPoolId: string,
  roleArn: string,
): Promise<TemporaryCredentials> {
  const storageKey = `personalize-ab:identity:${identityPoolId}`;
  let identityId = sessionStorage.getItem(storageKey);
  if (!identityId) {
    ({ IdentityId: identityId } = await cognitoCall<{ IdentityId: string }>(region, "GetId", {
      IdentityPoolId: identityPoolId,
    }));
    sessionStorage.setItem(storageKey, identityId);
  }
  const { Token } = await cognitoCall<{ Token: string }>(region, "GetOpenIdToken", {
    IdentityId: identityId,
  });
  const response = await fetch(`https://sts.${region}.amazonaws.com/`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      Action: "AssumeRoleWithWebIdentity",
      Version: "2011-06-15",
      RoleArn: roleArn,
      RoleSessionName: "experiments-console",
      WebIdentityToken: Token,
    }),
  });
  if (!response.ok) throw new Error(`STS AssumeRoleWithWebIdentity answered ${response.status}`);
  return credentialsFromStsXml(await response.text());
}
