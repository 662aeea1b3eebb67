import {
  DEFAULT_ROUTE_FUNCTION,
  type FunctionKey,
  ROUTES,
  type RouteDefinition,
  routeKey,
} from "@personalize-ab/domain";
import { Construct } from "constructs";
import {
  Apigatewayv2Api,
  Apigatewayv2Authorizer,
  Apigatewayv2Integration,
  Apigatewayv2Route,
  Apigatewayv2Stage,
  CloudwatchLogGroup,
  LambdaPermission,
} from "../cdktf";
import type { EnvironmentConfig } from "../config/environment-config";
import type { NodejsFunction } from "../serving/nodejs-function";
import type { TrustedIssuer } from "./client-auth";

/** The catch-all route key: API Gateway sends it whatever no other route matches. */
const DEFAULT_ROUTE_KEY = "$default";

const AUTHORIZATION_TYPES = { none: "NONE", jwt: "JWT", iam: "AWS_IAM" } as const;

/** One JSON object per request; the field names are CloudWatch Logs Insights-friendly. */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: "$context.requestId",
  requestTime: "$context.requestTime",
  httpMethod: "$context.httpMethod",
  routeKey: "$context.routeKey",
  status: "$context.status",
  protocol: "$context.protocol",
  responseLength: "$context.responseLength",
  responseLatency: "$context.responseLatency",
  integrationLatency: "$context.integrationLatency",
  integrationError: "$context.integrationErrorMessage",
  sourceIp: "$context.identity.sourceIp",
  userAgent: "$context.identity.userAgent",
});

/**
 * The HTTP API serving every route of the ROUTES catalog through its function: client routes
 * behind the JWT authorizer, admin and results routes behind IAM, a `$default` route so unknown
 * paths and methods are answered in the documented error shape, and throttling per route.
 */
export class HttpApi extends Construct {
  readonly api: Apigatewayv2Api;
  readonly stage: Apigatewayv2Stage;
  readonly accessLogs: CloudwatchLogGroup;
  readonly authorizer: Apigatewayv2Authorizer;

  constructor(
    scope: Construct,
    id: string,
    config: EnvironmentConfig,
    functions: Readonly<Record<FunctionKey, NodejsFunction>>,
    trusted: TrustedIssuer,
    routes: readonly RouteDefinition[] = ROUTES,
    /** The experiments console's origin, whose calls are SigV4-signed, when it is deployed. */
    consoleOrigin?: string,
  ) {
    super(scope, id);
    this.api = new Apigatewayv2Api(this, "api", {
      name: `${config.namePrefix}-api`,
      protocolType: "HTTP",
      corsConfiguration: {
        allowOrigins: [...config.corsAllowedOrigins, ...(consoleOrigin ? [consoleOrigin] : [])],
        allowMethods: [...new Set(routes.map((route) => route.method))].sort(),
        allowHeaders: [
          "content-type",
          "authorization",
          ...(consoleOrigin ? ["x-amz-date", "x-amz-security-token", "x-amz-content-sha256"] : []),
        ],
        maxAge: 3600,
      },
    });
    this.authorizer = new Apigatewayv2Authorizer(this, "jwt-authorizer", {
      apiId: this.api.id,
      name: `${config.namePrefix}-jwt`,
      authorizerType: "JWT",
      identitySources: ["$request.header.Authorization"],
      jwtConfiguration: { issuer: trusted.issuer, audience: trusted.audience },
    });
    this.accessLogs = new CloudwatchLogGroup(this, "access-logs", {
      name: `/aws/apigateway/${config.namePrefix}-api`,
      retentionInDays: config.logRetentionDays,
    });

    const integrations = new Map<FunctionKey, Apigatewayv2Integration>();
    const integrationOf = (key: FunctionKey) => {
      const existing = integrations.get(key);
      if (existing) return existing;
      const integration = new Apigatewayv2Integration(this, `${key}-integration`, {
        apiId: this.api.id,
        integrationType: "AWS_PROXY",
        integrationMethod: "POST",
        integrationUri: functions[key].function.invokeArn,
        payloadFormatVersion: "2.0",
      });
      integrations.set(key, integration);
      return integration;
    };
    const emitted: Apigatewayv2Route[] = [];
    for (const route of routes) {
      const handler = functions[route.function];
      const id = routeConstructId(route);
      emitted.push(
        new Apigatewayv2Route(this, `${id}-route`, {
          apiId: this.api.id,
          routeKey: routeKey(route),
          target: `integrations/${integrationOf(route.function).id}`,
          authorizationType: AUTHORIZATION_TYPES[route.auth],
          ...(route.auth === "jwt" && { authorizerId: this.authorizer.id }),
        }),
      );
      new LambdaPermission(this, `${id}-permission`, {
        statementId: "AllowInvokeFromHttpApi",
        action: "lambda:InvokeFunction",
        functionName: handler.functionName,
        principal: "apigateway.amazonaws.com",
        sourceArn: `${this.api.executionArn}/*/${route.method}${sourceArnPath(route.path)}`,
      });
    }
    // Open, like an unknown route: it only ever answers 404 or 405, throttled by the stage default.
    emitted.push(
      new Apigatewayv2Route(this, "default-route", {
        apiId: this.api.id,
        routeKey: DEFAULT_ROUTE_KEY,
        target: `integrations/${integrationOf(DEFAULT_ROUTE_FUNCTION).id}`,
        authorizationType: "NONE",
      }),
    );
    new LambdaPermission(this, "default-route-permission", {
      statementId: "AllowInvokeFromHttpApiDefaultRoute",
      action: "lambda:InvokeFunction",
      functionName: functions[DEFAULT_ROUTE_FUNCTION].functionName,
      principal: "apigateway.amazonaws.com",
      sourceArn: `${this.api.executionArn}/*/${DEFAULT_ROUTE_KEY}`,
    });

    this.stage = new Apigatewayv2Stage(this, "default-stage", {
      apiId: this.api.id,
      name: "$default",
      autoDeploy: true,
      defaultRouteSettings: {
        throttlingRateLimit: config.apiThrottling.rateLimitPerSecond,
        throttlingBurstLimit: config.apiThrottling.burstLimit,
        detailedMetricsEnabled: true,
      },
      routeSettings: Object.entries(config.routeThrottling).map(([key, limits]) => ({
        routeKey: key,
        throttlingRateLimit: limits.rateLimitPerSecond,
        throttlingBurstLimit: limits.burstLimit,
        detailedMetricsEnabled: true,
      })),
      accessLogSettings: { destinationArn: this.accessLogs.arn, format: ACCESS_LOG_FORMAT },
      // Route settings name routes by key; API Gateway refuses them before the routes exist.
      dependsOn: emitted,
    });
  }
}

/** In an execute-api ARN a path parameter matches any one segment, written `*`. */
export function sourceArnPath(path: string): string {
  return path.replace(/\{[^}]+\}/g, "*");
}

function routeConstructId(route: RouteDefinition): string {
  const path = route.path
    .replace(/[{}]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `${route.method.toLowerCase()}-${path}`;
}
