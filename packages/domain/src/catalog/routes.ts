import type { FunctionKey } from "./functions";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface RouteDefinition {
  readonly method: HttpMethod;
  /** API Gateway path, `{name}` for path parameters. */
  readonly path: string;
  readonly function: FunctionKey;
  /**
   * `jwt`: the environment's JWT authorizer, and `user_id` must be the token's subject unless the
   * token carries SERVER_SCOPE; `iam`: SigV4-signed callers (admin and results); `none`: open.
   */
  readonly auth: "none" | "jwt" | "iam";
}

/** Every route of the HTTP API: infra emits routes and Lambda permissions from it; the local gateway serves it. */
export const ROUTES = [
  { method: "POST", path: "/assignments", function: "abRouter", auth: "jwt" },
  { method: "POST", path: "/recommendations", function: "recommendations", auth: "jwt" },
  { method: "POST", path: "/events", function: "eventTracker", auth: "jwt" },
  // Administration and results are for the team running the experiment, not for the shop's
  // clients: IAM-signed calls only.
  { method: "POST", path: "/experiments", function: "experiments", auth: "iam" },
  { method: "GET", path: "/experiments", function: "experiments", auth: "iam" },
  { method: "GET", path: "/experiments/{test_name}", function: "experiments", auth: "iam" },
  { method: "PUT", path: "/experiments/{test_name}", function: "experiments", auth: "iam" },
  { method: "POST", path: "/experiments/{test_name}/status", function: "experiments", auth: "iam" },
  { method: "GET", path: "/experiments/{test_name}/history", function: "experiments", auth: "iam" },
  { method: "GET", path: "/experiments/{test_name}/results", function: "experiments", auth: "iam" },
  // What each variant would recommend a user, for the team (the console's try-it panel): served
  // by the function that holds the recommender, and writing nothing (no assignment, no exposure).
  { method: "POST", path: "/experiments/{test_name}/preview", function: "recommendations", auth: "iam" },
] as const satisfies readonly RouteDefinition[];

/** A catalog route's key, `METHOD /path`, for the routes a function serves. */
export type RouteKeyOf<F extends FunctionKey> =
  Extract<(typeof ROUTES)[number], { function: F }> extends infer R
    ? R extends { method: infer M extends string; path: infer P extends string }
      ? `${M} ${P}`
      : never
    : never;

export function routeKey(route: Pick<RouteDefinition, "method" | "path">): string {
  return `${route.method} ${route.path}`;
}

/**
 * The function behind the API's `$default` route: a request no catalog route takes reaches it,
 * and its HTTP frame answers 404 or 405 (with `Allow`) in the documented error shape.
 */
export const DEFAULT_ROUTE_FUNCTION: FunctionKey = "abRouter";
