import { FUNCTIONS, type FunctionKey, matchRoute, ROUTES, routeKey } from "@personalize-ab/domain";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { apiGatewayEvent, lambdaContext } from "../http/api-gateway-event";
import type { HttpHandler } from "../http/http-handler";

export interface RouteAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: Record<string, unknown> & {
    error?: {
      code: string;
      message: string;
      details: { field: string; problem: string }[];
      request_id?: string;
    };
  };
}

/**
 * Posts a raw body (text, or bytes as received) to a function's handler as API Gateway would for
 * its route, as `application/json` unless `headers` say otherwise, and parses the answer.
 */
export async function invokeRoute(
  handler: HttpHandler,
  functionKey: FunctionKey,
  body: string | Uint8Array | undefined,
  headers: Record<string, string> = { "content-type": "application/json" },
): Promise<RouteAnswer> {
  const route = ROUTES.find((candidate) => candidate.function === functionKey);
  if (!route) throw new Error(`no route serves ${functionKey}`);
  const event = apiGatewayEvent({
    method: route.method,
    path: route.path,
    routeKey: routeKey(route),
    headers,
    ...(body !== undefined && { body }),
  });
  // Within the function's own timeout, as on Lambda.
  const context = lambdaContext(functionKey, FUNCTIONS[functionKey].timeoutSeconds * 1000);
  return answerOf((await handler(event, context)) as APIGatewayProxyStructuredResultV2);
}

/**
 * Calls a handler as API Gateway would for `method path` (path parameters filled in from the
 * catalog route it matches), a JSON body, signed by `callerArn` (IAM) when given.
 */
export async function invokePath(
  handler: HttpHandler,
  method: string,
  path: string,
  body?: unknown,
  options: { readonly callerArn?: string } = {},
): Promise<RouteAnswer> {
  const matched = matchRoute(method, path);
  if (!matched) throw new Error(`no catalog route for ${method} ${path}`);
  const event = apiGatewayEvent({
    method,
    path,
    routeKey: routeKey(matched.route),
    headers: { "content-type": "application/json" },
    ...(body !== undefined && { body: typeof body === "string" ? body : JSON.stringify(body) }),
    ...(Object.keys(matched.pathParameters).length > 0 && { pathParameters: matched.pathParameters }),
  });
  if (options.callerArn)
    Object.assign(event.requestContext, { authorizer: { iam: { userArn: options.callerArn } } });
  const timeoutMs = FUNCTIONS[matched.route.function].timeoutSeconds * 1000;
  const context = lambdaContext(matched.route.function, timeoutMs);
  return answerOf((await handler(event, context)) as APIGatewayProxyStructuredResultV2);
}

function answerOf(result: APIGatewayProxyStructuredResultV2): RouteAnswer {
  return {
    status: result.statusCode ?? 0,
    headers: Object.fromEntries(
      Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
    ),
    body: JSON.parse(result.body ?? "null"),
  };
}
