import { ROUTES, type RouteDefinition } from "@personalize-ab/domain";
import { Construct } from "constructs";
import { sourceArnPath } from "../api/http-api";
import { CognitoIdentityPool, CognitoIdentityPoolRolesAttachment, IamRole, IamRolePolicy } from "../cdktf";
import type { EnvironmentConfig } from "../config/environment-config";
import { policyDocument } from "../iam/policy-document";
import type { ConsoleSite } from "./console-site";

/** Where the console finds its API; the browser reads it from `console/config.json`. */
export const CONSOLE_CONFIG_KEY = "console/config.json";

/** The catalog routes that want SigV4: the admin and results routes the console calls. */
export function iamRoutes(): RouteDefinition[] {
  return (ROUTES as readonly RouteDefinition[]).filter((route) => route.auth === "iam");
}

export interface ConsoleAccessProps {
  readonly config: EnvironmentConfig;
  readonly site: ConsoleSite;
  readonly apiEndpoint: string;
  readonly apiExecutionArn: string;
}

/**
 * How the browser gets to sign its calls: a Cognito identity pool whose guests assume one role
 * that may invoke the IAM routes and nothing else, from the environment's allowed networks only;
 * and the config file that tells the page where the API, the pool and the role are.
 */
export class ConsoleAccess extends Construct {
  readonly identityPool: CognitoIdentityPool;
  readonly guestRole: IamRole;

  constructor(scope: Construct, id: string, props: ConsoleAccessProps) {
    super(scope, id);
    const { config } = props;
    this.identityPool = new CognitoIdentityPool(this, "identity-pool", {
      identityPoolName: `${config.namePrefix.replace(/-/g, "_")}_console`,
      allowUnauthenticatedIdentities: true,
      // The enhanced flow scopes guest sessions down to services that do not include execute-api.
      allowClassicFlow: true,
    });
    this.guestRole = new IamRole(this, "guest-role", {
      name: `${config.namePrefix}-console-guest`,
      // Only this pool's guests, by the web identity token Cognito issues them.
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Federated: "cognito-identity.amazonaws.com" },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
              StringEquals: { "cognito-identity.amazonaws.com:aud": this.identityPool.id },
              "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "unauthenticated" },
            },
          },
        ],
      }),
    });
    new IamRolePolicy(this, "guest-policy", {
      name: "invoke-iam-routes",
      role: this.guestRole.id,
      policy: policyDocument([
        {
          Sid: "InvokeAdminAndResultsRoutes",
          Effect: "Allow",
          Action: ["execute-api:Invoke"],
          Resource: iamRoutes().map(
            (route) => `${props.apiExecutionArn}/*/${route.method}${sourceArnPath(route.path)}`,
          ),
          Condition: { IpAddress: { "aws:SourceIp": [...config.console.allowedCidrs] } },
        },
      ]),
    });
    new CognitoIdentityPoolRolesAttachment(this, "roles", {
      identityPoolId: this.identityPool.id,
      roles: { unauthenticated: this.guestRole.arn },
    });
    props.site.putObject("config", CONSOLE_CONFIG_KEY, {
      content: JSON.stringify({
        api_url: props.apiEndpoint,
        region: config.region,
        identity_pool_id: this.identityPool.id,
        role_arn: this.guestRole.arn,
      }),
    });
  }
}
