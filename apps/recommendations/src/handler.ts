import { httpHandler } from "@personalize-ab/adapters/http";
import type { RouteKeyOf } from "@personalize-ab/domain";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { previewRoute } from "./preview-route";
import { recommendRoute } from "./recommend-route";

type Route = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

// Every catalog route of this function, and only those: a route added to the catalog without a
// handler here fails the type check.
const ROUTES_SERVED: Record<RouteKeyOf<"recommendations">, Route> = {
  "POST /recommendations": recommendRoute,
  "POST /experiments/{test_name}/preview": previewRoute,
};

/** Recommendations for the shop's users, and the team's preview of an experiment's variants. */
export const handler = httpHandler(async (event) => {
  const route = ROUTES_SERVED[event.routeKey as RouteKeyOf<"recommendations">];
  // API Gateway sends this function only its own routes; anything else is a bug in the wiring.
  if (!route) throw new Error(`route ${event.routeKey} is not served by the recommendations function`);
  return route(event);
});
