import { ROUTES, type RouteDefinition } from "@personalize-ab/domain";

export interface MatchedRoute {
  readonly route: RouteDefinition;
  readonly pathParameters: Record<string, string>;
}

interface CompiledRoute {
  readonly route: RouteDefinition;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

/** `{name}` segments become path parameters, as API Gateway's HTTP API matches them. */
function compile(route: RouteDefinition): CompiledRoute {
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

const compiled = ROUTES.map(compile);

/** The catalog route a request matches, if any. */
export function matchRoute(method: string, path: string): MatchedRoute | undefined {
  for (const { route, pattern, names } of compiled) {
    if (route.method !== method) continue;
    const match = pattern.exec(path);
    if (!match) continue;
    const pathParameters = Object.fromEntries(
      names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]),
    );
    return { route, pathParameters };
  }
  return undefined;
}
