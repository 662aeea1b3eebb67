import { type HttpMethod, ROUTES, type RouteDefinition } from "./routes";

/** What matching needs of a route: its method and path (`{name}` for a path parameter). */
export type RouteShape = Pick<RouteDefinition, "method" | "path">;

export interface MatchedRoute<R extends RouteShape = RouteDefinition> {
  readonly route: R;
  readonly pathParameters: Record<string, string>;
}

/** What the route table says about a request: its route, or the methods its path has (none: 404). */
export type RouteLookup<R extends RouteShape = RouteDefinition> =
  | { readonly kind: "matched"; readonly match: MatchedRoute<R> }
  | { readonly kind: "no-route"; readonly allowedMethods: readonly HttpMethod[] };

interface CompiledRoute<R extends RouteShape> {
  readonly route: R;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

/** `{name}` segments become path parameters, as API Gateway's HTTP API matches them. */
function compile<R extends RouteShape>(route: R): CompiledRoute<R> {
  const names: string[] = [];
  const source = route.path
    .split("/")
    .map((segment) => {
      const parameter = /^\{(\w+)\}$/.exec(segment);
      if (!parameter) return segment.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
      names.push(parameter[1]!);
      return "([^/]+)";
    })
    .join("/");
  return { route, pattern: new RegExp(`^${source}/?$`), names };
}

/** A malformed percent-escape stays as sent rather than failing the whole request. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const catalogRoutes: readonly CompiledRoute<RouteDefinition>[] = ROUTES.map(compile);

/** The catalog route a request matches, if any. */
export function matchRoute(method: string, path: string): MatchedRoute | undefined {
  const lookup = lookupRoute(method, path);
  return lookup.kind === "matched" ? lookup.match : undefined;
}

/** The route a request matches, or which methods its path would accept (405) — none means 404. */
export function lookupRoute(method: string, path: string): RouteLookup;
export function lookupRoute<R extends RouteShape>(
  method: string,
  path: string,
  routes: readonly R[],
): RouteLookup<R>;
export function lookupRoute(
  method: string,
  path: string,
  routes?: readonly RouteShape[],
): RouteLookup<RouteShape> {
  const compiled = routes ? routes.map(compile) : catalogRoutes;
  const allowedMethods: HttpMethod[] = [];
  for (const { route, pattern, names } of compiled) {
    const match = pattern.exec(path);
    if (!match) continue;
    if (route.method !== method) {
      if (!allowedMethods.includes(route.method)) allowedMethods.push(route.method);
      continue;
    }
    const pathParameters = Object.fromEntries(names.map((name, i) => [name, decodeSegment(match[i + 1]!)]));
    return { kind: "matched", match: { route, pathParameters } };
  }
  return { kind: "no-route", allowedMethods };
}
