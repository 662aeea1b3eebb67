import { lookupRoute, ROUTES, type RouteShape } from "@personalize-ab/domain";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { ClientError } from "./errors";
import { clientErrorResponse } from "./responses";

/**
 * The answer for a request no route takes: 405 with `Allow` when its path has other methods, 404
 * otherwise, in the documented error shape. The local gateway answers with it, and so does the
 * API's `$default` route on AWS, so both say the same thing.
 */
export function routeNotFoundResponse(
  method: string,
  path: string,
  requestId: string | undefined,
  routes: readonly RouteShape[] = ROUTES,
): APIGatewayProxyStructuredResultV2 {
  const lookup = lookupRoute(method, path, routes);
  const allowed = lookup.kind === "no-route" ? lookup.allowedMethods : [];
  if (allowed.length === 0) {
    const problem = `no route serves ${method} on this path`;
    return clientErrorResponse(
      new ClientError(404, "not_found", `path: ${problem}`, [{ field: "path", problem }]),
      requestId,
    );
  }
  const problem = `must be ${allowed.join(" or ")} on this path`;
  const response = clientErrorResponse(
    new ClientError(405, "method_not_allowed", `method: ${problem}`, [{ field: "method", problem }]),
    requestId,
  );
  return { ...response, headers: { ...response.headers, allow: allowed.join(", ") } };
}
