import type { FunctionKey } from "./functions";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface RouteDefinition {
  readonly method: HttpMethod;
  /** API Gateway path, `{name}` for path parameters. */
  readonly path: string;
  readonly function: FunctionKey;
  readonly auth: "none" | "iam";
}

/** Every route of the HTTP API: infra emits routes and Lambda permissions from it; the local gateway serves it. */
export const ROUTES = [
  { method: "POST", path: "/assignments", function: "abRouter", auth: "none" },
  { method: "POST", path: "/recommendations", function: "recommendations", auth: "none" },
  { method: "POST", path: "/events", function: "eventTracker", auth: "none" },
] as const satisfies readonly RouteDefinition[];

export function routeKey(route: Pick<RouteDefinition, "method" | "path">): string {
  return `${route.method} ${route.path}`;
}
