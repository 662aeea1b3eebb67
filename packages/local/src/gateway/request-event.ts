import { apiGatewayEvent } from "@personalize-ab/adapters/http";
import type { MatchedRoute, RouteDefinition } from "@personalize-ab/domain";
import { routeKey } from "@personalize-ab/domain";
import type { APIGatewayEventRequestContextJWTAuthorizer, APIGatewayProxyEventV2 } from "aws-lambda";

/** The payload-format-2.0 event the route's Lambda receives for this request. */
export function requestEvent(
  request: Request,
  bytes: Uint8Array,
  matched: MatchedRoute<RouteDefinition>,
  sourceIp: string,
  authorizer?: APIGatewayEventRequestContextJWTAuthorizer,
): APIGatewayProxyEventV2 {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return apiGatewayEvent({
    method: matched.route.method,
    path: `${url.pathname}${url.search}`,
    routeKey: routeKey(matched.route),
    headers,
    ...(bytes.length > 0 && { body: bytes }),
    ...(Object.keys(matched.pathParameters).length > 0 && { pathParameters: matched.pathParameters }),
    ...(authorizer && { authorizer }),
    sourceIp,
  });
}
