import { SERVER_SCOPE } from "@personalize-ab/domain";
import { describe, expect, it } from "vitest";
import { apiGatewayEvent, authorizeUser, ClientError } from "../src/http";

const eventWith = (claims: Record<string, string>, scopes: string[] | null) =>
  apiGatewayEvent({
    method: "POST",
    path: "/events",
    routeKey: "POST /events",
    authorizer: { principalId: "", integrationLatency: 0, jwt: { claims, scopes } },
  });

function refusal(run: () => void): ClientError | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ClientError) return error;
    throw error;
  }
  return undefined;
}

describe("authorizeUser", () => {
  it("lets a token act for its own subject", () => {
    expect(refusal(() => authorizeUser(eventWith({ sub: "user_a" }, null), "user_a"))).toBeUndefined();
  });

  it("refuses another user with 403 forbidden naming user_id", () => {
    const error = refusal(() => authorizeUser(eventWith({ sub: "user_a" }, ["openid"]), "user_b"));
    expect(error).toMatchObject({
      status: 403,
      code: "forbidden",
      details: [{ field: "user_id", problem: "must be the authenticated user (the token's subject)" }],
    });
  });

  it("lets a token with the server scope act for any user", () => {
    expect(
      refusal(() => authorizeUser(eventWith({ sub: "backend" }, [SERVER_SCOPE]), "user_b")),
    ).toBeUndefined();
  });

  it("checks nothing where no authorizer ran (a route without one)", () => {
    const open = apiGatewayEvent({ method: "POST", path: "/events", routeKey: "POST /events" });
    expect(refusal(() => authorizeUser(open, "user_b"))).toBeUndefined();
  });
});
