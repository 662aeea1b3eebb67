import { type FunctionKey, ROUTES, type RouteDefinition, routeKey } from "@personalize-ab/domain";
import { Construct } from "constructs";
import {
  Apigatewayv2Api,
  Apigatewayv2Integration,
  Apigatewayv2Route,
  Apigatewayv2Stage,
  CloudwatchLogGroup,
  LambdaPermission,
} from "../cdktf";
import type { EnvironmentConfig } from "../config/environment-config";
import type { NodejsFunction } from "../serving/nodejs-function";

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

/** The HTTP API serving every route of the ROUTES catalog through its function. */
export class HttpApi extends Construct {
  readonly api: Apigatewayv2Api;
  readonly stage: Apigatewayv2Stage;
  readonly accessLogs: CloudwatchLogGroup;

  constructor(
    scope: Construct,
    id: string,
    config: EnvironmentConfig,
    functions: Readonly<Record<FunctionKey, NodejsFunction>>,
    routes: readonly RouteDefinition[] = ROUTES,
  ) {
    super(scope, id);
    this.api = new Apigatewayv2Api(this, "api", {
      name: `${config.namePrefix}-api`,
      protocolType: "HTTP",
      corsConfiguration: {
        allowOrigins: [...config.corsAllowedOrigins],
        allowMethods: [...new Set(routes.map((route) => route.method))].sort(),
        allowHeaders: ["content-type", "authorization"],
        maxAge: 3600,
      },
    });
    this.accessLogs = new CloudwatchLogGroup(this, "access-logs", {
      name: `/aws/apigateway/${config.namePrefix}-api`,
      retentionInDays: config.logRetentionDays,
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
      accessLogSettings: { destinationArn: this.accessLogs.arn, format: ACCESS_LOG_FORMAT },
    });

    for (const route of routes) {
      const handler = functions[route.function];
      const id = routeConstructId(route);
      const integration = new Apigatewayv2Integration(this, `${id}-integration`, {
        apiId: this.api.id,
        integrationType: "AWS_PROXY",
        integrationMethod: "POST",
        integrationUri: handler.function.invokeArn,
        payloadFormatVersion: "2.0",
      });
      new Apigatewayv2Route(this, `${id}-route`, {
        apiId: this.api.id,
        routeKey: routeKey(route),
        target: `integrations/${integration.id}`,
        authorizationType: route.auth === "iam" ? "AWS_IAM" : "NONE",
      });
      new LambdaPermission(this, `${id}-permission`, {
        statementId: "AllowInvokeFromHttpApi",
        action: "lambda:InvokeFunction",
        functionName: handler.functionName,
        principal: "apigateway.amazonaws.com",
        sourceArn: `${this.api.executionArn}/*/${route.method}${sourceArnPath(route.path)}`,
      });
    }
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
