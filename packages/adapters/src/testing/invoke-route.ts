import { type FunctionKey, ROUTES, routeKey } from "@personalize-ab/domain";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { apiGatewayEvent, lambdaContext } from "../http/api-gateway-event";
import type { HttpHandler } from "../http/http-handler";

export interface RouteAnswer {
  readonly status: number;
  readonly body: Record<string, unknown> & {
    error?: { code: string; message: string; details: { field: string; problem: string }[] };
  };
}

/** Posts a raw body to a function's handler as API Gateway would for its route, and parses the answer. */
export async function invokeRoute(
  handler: HttpHandler,
  functionKey: FunctionKey,
  body: string | undefined,
): Promise<RouteAnswer> {
  const route = ROUTES.find((candidate) => candidate.function === functionKey);
  if (!route) throw new Error(`no route serves ${functionKey}`);
  const event = apiGatewayEvent({
    method: route.method,
    path: route.path,
    routeKey: routeKey(route),
    headers: { "content-type": "application/json" },
    ...(body !== undefined && { body }),
  });
  const result = (await handler(event, lambdaContext(functionKey))) as APIGatewayProxyStructuredResultV2;
  return { status: result.statusCode ?? 0, body: JSON.parse(result.body ?? "null") };
}
