import { ROUTES } from "@personalize-ab/domain";
import { describe, expect, it } from "vitest";
import { lookupRoute, matchRoute } from "../src/catalog/route-matcher";
import type { RouteDefinition } from "../src/catalog/routes";

describe("matchRoute", () => {
  it("finds every catalog route by its method and path", () => {
    for (const route of ROUTES) {
      const concretePath = route.path.replace(/\{(\w+)\}/g, "x");
      expect(matchRoute(route.method, concretePath)?.route).toBe(route);
    }
  });

  it("refuses another method or path, as API Gateway's route table does", () => {
    expect(matchRoute("GET", "/recommendations")).toBeUndefined();
    expect(matchRoute("POST", "/recommendations/extra")).toBeUndefined();
    expect(matchRoute("POST", "/")).toBeUndefined();
  });

  it("accepts a trailing slash", () => {
    expect(matchRoute("POST", "/events/")?.route.path).toBe("/events");
  });

  it("names the methods a known path accepts, so a wrong method is a 405 and not a 404", () => {
    expect(lookupRoute("GET", "/events")).toEqual({ kind: "no-route", allowedMethods: ["POST"] });
    expect(lookupRoute("GET", "/nowhere")).toEqual({ kind: "no-route", allowedMethods: [] });
  });

  it("decodes path parameters and keeps a malformed escape as sent", () => {
    const routes: RouteDefinition[] = [
      { method: "GET", path: "/experiments/{test_name}", function: "abRouter", auth: "iam" },
    ];
    const decoded = lookupRoute("GET", "/experiments/a%20b", routes);
    expect(decoded.kind === "matched" && decoded.match.pathParameters).toEqual({ test_name: "a b" });
    const malformed = lookupRoute("GET", "/experiments/%E0%A4%A", routes);
    expect(malformed.kind === "matched" && malformed.match.pathParameters).toEqual({ test_name: "%E0%A4%A" });
  });
});
