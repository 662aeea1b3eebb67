import { describe, expect, it } from "vitest";
import { apiGatewayEvent, httpHandler, lambdaContext, routeNotFoundResponse } from "../src/http";

describe("routeNotFoundResponse", () => {
  it("answers a known path with a wrong method 405, with Allow, in the documented shape", () => {
    const response = routeNotFoundResponse("GET", "/events", "req-1");
    expect(response.statusCode).toBe(405);
    expect(response.headers).toMatchObject({ allow: "POST" });
    expect(JSON.parse(response.body ?? "")).toEqual({
      error: {
        code: "method_not_allowed",
        message: "method: must be POST on this path",
        details: [{ field: "method", problem: "must be POST on this path" }],
        request_id: "req-1",
      },
    });
  });

  it("answers an unknown path 404 naming the path", () => {
    const response = routeNotFoundResponse("POST", "/nowhere", "req-2");
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body ?? "")).toMatchObject({
      error: { code: "not_found", details: [{ field: "path" }] },
    });
  });

  it("is what a function answers when the API's $default route reaches it", async () => {
    let handled = false;
    const handler = httpHandler(async () => {
      handled = true;
      return { statusCode: 200 };
    });
    const event = apiGatewayEvent({ method: "DELETE", path: "/assignments", routeKey: "$default" });
    const response = await handler(event, lambdaContext("ab-router"));
    expect(handled).toBe(false);
    expect(response.statusCode).toBe(405);
    expect(response.headers).toMatchObject({ allow: "POST" });
  });
});
