import { SERVER_SCOPE } from "@personalize-ab/domain";
import type { APIGatewayEventRequestContextJWTAuthorizer, APIGatewayProxyEventV2 } from "aws-lambda";
import { ClientError } from "./errors";

function jwtOf(event: APIGatewayProxyEventV2): APIGatewayEventRequestContextJWTAuthorizer["jwt"] | undefined {
  const context = event.requestContext as {
    authorizer?: Partial<APIGatewayEventRequestContextJWTAuthorizer>;
  };
  return context.authorizer?.jwt;
}

/**
 * A client route acts for one user: behind the JWT authorizer, `user_id` must be the token's
 * subject unless the token carries SERVER_SCOPE (the platform's own back ends). A route with no
 * authorizer (the local platform without `--auth`) has no token to compare, so it is not checked.
 */
export function authorizeUser(event: APIGatewayProxyEventV2, userId: string, field = "user_id"): void {
  const jwt = jwtOf(event);
  if (!jwt) return;
  if (jwt.scopes?.includes(SERVER_SCOPE)) return;
  if (jwt.claims?.sub === userId) return;
  const problem = "must be the authenticated user (the token's subject)";
  throw new ClientError(403, "forbidden", `${field}: ${problem}`, [{ field, problem }]);
}
