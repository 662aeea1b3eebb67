import { ROUTES, type RouteDefinition, routeKey } from "@personalize-ab/domain";
import { describe, expect, it } from "vitest";
import { resourcesOfType, synthesizedPlatform } from "./support/synthesized-platform";

describe("HTTP API authorization", () => {
  const routes = () =>
    Object.values(resourcesOfType(synthesizedPlatform().stacks.dev, "aws_apigatewayv2_route"));

  it("requires IAM-signed calls for the experiment results route", () => {
    const results = routes().find((route) => route.route_key === "GET /experiments/{test_name}/results");
    expect(results?.authorization_type).toBe("AWS_IAM");
  });

  it("requires IAM-signed calls for the experiment preview, which may look at any user", () => {
    const preview = routes().find((route) => route.route_key === "POST /experiments/{test_name}/preview");
    expect(preview?.authorization_type).toBe("AWS_IAM");
    expect(preview?.authorizer_id).toBeUndefined();
  });

  it("gives IAM authorization to exactly the catalog's iam routes", () => {
    const iam = routes()
      .filter((route) => route.authorization_type === "AWS_IAM")
      .map((route) => route.route_key)
      .sort();
    const declared = (ROUTES as readonly RouteDefinition[])
      .filter((route) => route.auth === "iam")
      .map(routeKey);
    expect(iam).toEqual(declared.sort());
    expect(iam).not.toContain("POST /recommendations");
  });
});
