import type { HttpHandler } from "@personalize-ab/adapters/http";
import { DEV_BROWSER_ORIGINS, type FunctionKey, SERVER_SCOPE } from "@personalize-ab/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_AUDIENCE, LOCAL_ISSUER, LocalIssuer } from "../src/auth/local-issuer";
import { type RunningGateway, startGateway } from "../src/gateway/http-gateway";
import { jwtAuthorizer } from "../src/gateway/jwt-authorizer";
import { rawRequest } from "./support/raw-http";
import { temporaryKeyFile } from "./support/temporary-key-file";

/** Answers with what it was handed, so the tests see the event the gateway built. */
const echo: HttpHandler = async (event) => ({
  statusCode: 200,
  headers: { "content-type": "application/json" },
  body: JSON.stringify({
    body: event.body ?? null,
    isBase64Encoded: event.isBase64Encoded,
    routeKey: event.routeKey,
    authorizer: (event.requestContext as { authorizer?: unknown }).authorizer ?? null,
  }),
});
const handlers: Record<FunctionKey, HttpHandler> = {
  abRouter: echo,
  recommendations: echo,
  eventTracker: echo,
  experiments: echo,
};

let open: RunningGateway;
let guarded: RunningGateway;
let issuer: LocalIssuer;
let failingDependency = false;

beforeAll(async () => {
  issuer = await LocalIssuer.load(await temporaryKeyFile());
  open = await startGateway(handlers, {
    port: 0,
    corsOrigins: DEV_BROWSER_ORIGINS,
    headersTimeoutMs: 1_500,
    requestTimeoutMs: 3_000,
    healthChecks: {
      dynamodb: async () => undefined,
      recommender: async (signal) => {
        if (!failingDependency) return;
        // A dependency that never answers: only the bounded wait ends this.
        await new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
      },
    },
    healthTimeoutMs: 300,
    extraRoutes: [{ path: "/openapi.json", respond: () => Response.json({ openapi: "3.1.0" }) }],
  });
  guarded = await startGateway(handlers, {
    port: 0,
    jwtAuthorizer: jwtAuthorizer({ issuer: LOCAL_ISSUER, audience: [LOCAL_AUDIENCE], keys: issuer.keys() }),
  });
});

afterAll(async () => {
  await open?.stop();
  await guarded?.stop();
});

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

describe("the local gateway", () => {
  it("hands the handler a payload-format-2.0 event with the body as sent", async () => {
    const response = await post(`${open.url}/events`, '{"user_id":"u1"}');
    expect(response.status).toBe(200);
    expect(response.headers.get("apigw-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({
      body: '{"user_id":"u1"}',
      isBase64Encoded: false,
      routeKey: "POST /events",
      authorizer: null,
    });
  });

  it("passes bytes that are not UTF-8 as base64, so the handler can refuse them rather than see U+FFFD", async () => {
    const bytes = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const response = await fetch(`${open.url}/events`, { method: "POST", body: bytes });
    expect(await response.json()).toMatchObject({ body: bytes.toString("base64"), isBase64Encoded: true });
  });

  it("answers an unknown path 404 and a wrong method 405 with Allow, in the documented shape", async () => {
    const missing = await fetch(`${open.url}/nowhere`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      error: { code: "not_found", details: [{ field: "path" }], request_id: expect.any(String) },
    });
    const wrong = await fetch(`${open.url}/events`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
    expect(await wrong.json()).toMatchObject({
      error: { code: "method_not_allowed", details: [{ field: "method" }] },
    });
    const wrongOnExtra = await post(`${open.url}/openapi.json`, "{}");
    expect(wrongOnExtra.status).toBe(405);
    expect(wrongOnExtra.headers.get("allow")).toBe("GET");
  });

  it("serves the extra read-only routes it was given", async () => {
    const response = await fetch(`${open.url}/openapi.json`);
    expect(await response.json()).toEqual({ openapi: "3.1.0" });
  });

  it("refuses a body over 10 MB with 413, declared or streamed", async () => {
    const declared = await rawRequest(
      open.port,
      "POST /events HTTP/1.1\r\nHost: x\r\nContent-Length: 10485761\r\n\r\n",
    );
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({
      error: { code: "payload_too_large", details: [{ field: "body" }] },
    });
    const chunk = `ffff\r\n${"a".repeat(0xffff)}\r\n`;
    const streamed = await rawRequest(
      open.port,
      `POST /events HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${chunk.repeat(161)}`,
    );
    expect(streamed.status).toBe(413);
  });

  it("allows the dev stack's browser origins and no others", async () => {
    const preflight = (origin: string) =>
      fetch(`${open.url}/events`, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type",
        },
      });
    const allowed = await preflight(DEV_BROWSER_ORIGINS[0]);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(DEV_BROWSER_ORIGINS[0]);
    expect(allowed.headers.get("access-control-allow-methods")).toContain("POST");
    const foreign = await preflight("https://evil.example");
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("reports health 200, and 503 naming the dependency that did not answer in time", async () => {
    const healthy = await fetch(`${open.url}/health`);
    expect(healthy.status).toBe(200);
    expect(await healthy.json()).toMatchObject({
      status: "ok",
      checks: { dynamodb: { status: "ok" }, recommender: { status: "ok" } },
    });
    failingDependency = true;
    try {
      const sick = await fetch(`${open.url}/health`);
      expect(sick.status).toBe(503);
      expect(sick.headers.get("retry-after")).toBe("5");
      expect(await sick.json()).toMatchObject({
        status: "unavailable",
        checks: {
          dynamodb: { status: "ok" },
          recommender: { status: "unavailable", problem: "no answer within 300 ms" },
        },
        error: {
          code: "service_unavailable",
          details: [{ field: "recommender", problem: "no answer within 300 ms" }],
        },
      });
    } finally {
      failingDependency = false;
    }
  });
});

describe("clients that break HTTP", () => {
  const cases: [string, string | Buffer, Parameters<typeof rawRequest>[2]?][] = [
    [
      "closes mid-body (Content-Length 1000, 11 bytes sent)",
      'POST /events HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"user_id":',
      { halfClose: true },
    ],
    [
      "sends a chunk size that is not hex",
      "POST /events HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
    ],
    [
      "sends a request line with a broken absolute URL",
      "POST http://[/events HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
    ],
    ["sends 20 KB of headers", `POST /events HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`],
    ["sends no HTTP at all", "HELLO\r\n\r\n"],
    [
      "sends both Content-Length and chunked",
      "POST /events HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    ],
    ["stops halfway through its headers (slowloris)", "POST /events HTTP/1.1\r\nHost: x\r\n"],
    ["stops halfway through its body", "POST /events HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{"],
  ];
  for (const [name, bytes, options] of cases) {
    it(`${name}: a 4xx JSON error or a closed socket, and the gateway goes on`, async () => {
      const answer = await rawRequest(open.port, bytes, options);
      if (answer.status !== undefined) {
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
        expect(JSON.parse(answer.body)).toMatchObject({
          error: { code: expect.any(String), details: [{ field: expect.any(String) }] },
        });
      }
      expect((await fetch(`${open.url}/health`)).status).toBe(200);
    });
  }
});

describe("the JWT authorizer", () => {
  const assign = (token?: string) =>
    post(
      `${guarded.url}/assignments`,
      '{"user_id":"user_00001"}',
      token ? { authorization: `Bearer ${token}` } : {},
    );

  it("hands the handler the verified claims and scopes", async () => {
    const response = await assign(await issuer.mint({ sub: "user_00001", server: true }));
    expect(response.status).toBe(200);
    const { authorizer } = (await response.json()) as {
      authorizer: { jwt: { claims: Record<string, string>; scopes: string[] } };
    };
    expect(authorizer.jwt.claims).toMatchObject({
      sub: "user_00001",
      iss: LOCAL_ISSUER,
      aud: LOCAL_AUDIENCE,
      exp: expect.stringMatching(/^\d+$/),
    });
    expect(authorizer.jwt.scopes).toEqual([SERVER_SCOPE]);
  });

  const refused: [string, () => Promise<string | undefined>, string][] = [
    ["no token", async () => undefined, "is required (Bearer <token>)"],
    [
      "an expired token",
      () => issuer.mint({ sub: "user_00001", expiresIn: Math.floor(Date.now() / 1000) - 60 }),
      "the token has expired",
    ],
    [
      "a token from another issuer",
      () => issuer.mint({ sub: "user_00001", issuer: "https://elsewhere.example" }),
      "the token is from another issuer",
    ],
    [
      "a token for another audience",
      () => issuer.mint({ sub: "user_00001", audience: "someone-else" }),
      "the token is for another audience",
    ],
    [
      "a token signed by another key",
      async () => (await LocalIssuer.load(await temporaryKeyFile())).mint({ sub: "user_00001" }),
      "the token's signature does not verify with the issuer's keys",
    ],
    ["a token that is not a JWT", async () => "not-a-jwt", "the token is not a valid JWT"],
  ];
  for (const [name, token, problem] of refused) {
    it(`answers ${name} with 401 naming the authorization header`, async () => {
      const response = await assign(await token());
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe("Bearer");
      expect(await response.json()).toMatchObject({
        error: { code: "unauthorized", details: [{ field: "authorization", problem }] },
      });
    });
  }

  it("leaves the health check open", async () => {
    expect((await fetch(`${guarded.url}/health`)).status).toBe(200);
  });
});
