import { ROUTES } from "@personalize-ab/domain";
import { describe, expect, it } from "vitest";
import { matchRoute } from "../src/gateway/route-matcher";

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
});
