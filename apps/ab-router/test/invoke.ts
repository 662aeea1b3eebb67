import { invokeRoute, type RouteAnswer } from "@personalize-ab/adapters/testing";

type Handler = typeof import("../src/handler").handler;

/** Posts a raw body to the router handler as API Gateway would, and parses the answer. */
export function postAssignment(handler: Handler, body: string | undefined): Promise<RouteAnswer> {
  return invokeRoute(handler, "abRouter", body);
}
