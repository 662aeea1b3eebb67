import { SERVER_SCOPE } from "@personalize-ab/domain";
import { Construct } from "constructs";
import {
  CognitoResourceServer,
  CognitoUserPool,
  CognitoUserPoolClient,
  CognitoUserPoolDomain,
} from "../cdktf";
import type { EnvironmentConfig } from "../config/environment-config";

/** What the HTTP API's JWT authorizer trusts. */
export interface TrustedIssuer {
  readonly issuer: string;
  readonly audience: string[];
}

/**
 * The issuer client routes trust: the environment's OIDC issuer, or, with `clientAuth.cognito`,
 * a user pool made here — an app client for people (its id is the `client_id` of their access
 * tokens) and a client-credentials client for back ends, granted SERVER_SCOPE.
 */
export class ClientAuth extends Construct {
  readonly trusted: TrustedIssuer;
  readonly userPool?: CognitoUserPool;

  constructor(scope: Construct, id: string, config: EnvironmentConfig) {
    super(scope, id);
    if (!config.clientAuth.cognito) {
      this.trusted = { issuer: config.clientAuth.issuer, audience: [...config.clientAuth.audience] };
      return;
    }
    const [identifier = "", scopeName = ""] = SERVER_SCOPE.split("/");
    const pool = new CognitoUserPool(this, "user-pool", {
      name: `${config.namePrefix}-users`,
      usernameAttributes: ["email"],
      autoVerifiedAttributes: ["email"],
      mfaConfiguration: "OPTIONAL",
      softwareTokenMfaConfiguration: { enabled: true },
      passwordPolicy: {
        minimumLength: 12,
        requireLowercase: true,
        requireNumbers: true,
        requireSymbols: false,
        requireUppercase: true,
      },
      deletionProtection: config.deletionProtection ? "ACTIVE" : "INACTIVE",
    });
    new CognitoUserPoolDomain(this, "domain", { domain: config.namePrefix, userPoolId: pool.id });
    const resourceServer = new CognitoResourceServer(this, "resource-server", {
      userPoolId: pool.id,
      identifier,
      name: config.namePrefix,
      scope: [{ scopeName, scopeDescription: "Act for any user (the platform's own back ends)" }],
    });
    const people = new CognitoUserPoolClient(this, "app-client", {
      name: `${config.namePrefix}-app`,
      userPoolId: pool.id,
      explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      preventUserExistenceErrors: "ENABLED",
      generateSecret: false,
    });
    const servers = new CognitoUserPoolClient(this, "server-client", {
      name: `${config.namePrefix}-server`,
      userPoolId: pool.id,
      generateSecret: true,
      allowedOauthFlows: ["client_credentials"],
      allowedOauthFlowsUserPoolClient: true,
      allowedOauthScopes: [SERVER_SCOPE],
      dependsOn: [resourceServer],
    });
    this.userPool = pool;
    this.trusted = {
      issuer: `https://cognito-idp.${config.region}.amazonaws.com/${pool.id}`,
      audience: [people.id, servers.id],
    };
  }
}
