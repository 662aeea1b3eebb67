import { randomUUID } from "node:crypto";
import type { HttpBindings } from "@hono/node-server";
import {
  type HttpHandler,
  internalErrorResponse,
  lambdaContext,
  routeNotFoundResponse,
} from "@personalize-ab/adapters/http";
import { FUNCTIONS, type FunctionKey, lookupRoute, ROUTES, type RouteShape } from "@personalize-ab/domain";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { gatewayError, toResponse } from "./gateway-errors";
import { type HealthCheck, runHealthChecks } from "./health";
import { type JwtAuthorizer, UnauthorizedError } from "./jwt-authorizer";
import { requestEvent } from "./request-event";

/** API Gateway's HTTP API refuses payloads over 10 MB before any Lambda sees them. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/** A read-only page or document the platform serves beside the API (`GET` and `HEAD`). */
export interface ExtraRoute {
  readonly path: string;
  readonly respond: (request: Request) => Response | Promise<Response>;
}

export interface GatewayAppOptions {
  /** Browser origins allowed by CORS. */
  readonly corsOrigins: readonly string[];
  /** Dependencies `GET /health` probes, by name. */
  readonly healthChecks?: Readonly<Record<string, HealthCheck>>;
  readonly healthTimeoutMs?: number;
  readonly extraRoutes?: readonly ExtraRoute[];
  /** Checks the bearer token of every `auth: "jwt"` route; routes are open without it. */
  readonly jwtAuthorizer?: JwtAuthorizer;
}

type GatewayEnv = { Bindings: HttpBindings; Variables: { requestId: string } };

const HEALTH_PATH = "/health";

async function invoke(handler: HttpHandler, event: Parameters<HttpHandler>[0], key: FunctionKey) {
  try {
    // The function's own timeout, counting down as on Lambda: the frame answers 503 before it runs out.
    return await handler(event, lambdaContext(FUNCTIONS[key].app, FUNCTIONS[key].timeoutSeconds * 1000));
  } catch (error) {
    // The handler frame answers every error itself; reaching here is a bug, logged like Lambda's.
    process.stderr.write(
      `${JSON.stringify({ level: "ERROR", message: "handler crashed", function: key, error: String(error) })}\n`,
    );
    return undefined;
  }
}

/**
 * The local gateway as a Hono app: CORS, `GET /health`, the extra read-only routes, and every
 * catalog route turned into the payload-format-2.0 event its real handler receives behind API
 * Gateway. What the gateway answers itself (no route, wrong method, too large, unauthorized) is in
 * the documented error shape.
 */
export function gatewayApp(
  handlers: Readonly<Record<FunctionKey, HttpHandler>>,
  options: GatewayAppOptions,
): Hono<GatewayEnv> {
  const app = new Hono<GatewayEnv>();
  const extraRoutes = options.extraRoutes ?? [];
  const localRoutes: RouteShape[] = [HEALTH_PATH, ...extraRoutes.map((route) => route.path)].map((path) => ({
    method: "GET",
    path,
  }));
  const allRoutes: readonly RouteShape[] = [...ROUTES, ...localRoutes];

  app.use(async (c, next) => {
    c.set("requestId", randomUUID());
    await next();
  });
  app.use(
    cors({
      origin: [...options.corsOrigins],
      allowMethods: [...new Set(ROUTES.map((route) => route.method)), "GET"],
      allowHeaders: ["content-type", "authorization"],
      maxAge: 3600,
    }),
  );

  app.get(HEALTH_PATH, async (c) => {
    const report = await runHealthChecks(options.healthChecks ?? {}, options.healthTimeoutMs ?? 2000);
    if (report.status === "ok") return c.json(report, 200);
    const failed = Object.entries(report.checks).filter(([, check]) => check.status !== "ok");
    const details = failed.map(([name, check]) => ({ field: name, problem: check.problem ?? "unavailable" }));
    return c.json(
      {
        ...report,
        error: {
          code: "service_unavailable",
          message: details.map((detail) => `${detail.field}: ${detail.problem}`).join("; "),
          details,
          request_id: c.get("requestId"),
        },
      },
      503,
      { "retry-after": "5" },
    );
  });
  for (const route of extraRoutes) app.get(route.path, (c) => route.respond(c.req.raw));

  app.all(
    "*",
    bodyLimit({
      maxSize: MAX_PAYLOAD_BYTES,
      onError: (c) =>
        gatewayError(
          413,
          "payload_too_large",
          "body",
          `must be at most ${MAX_PAYLOAD_BYTES} bytes`,
          c.get("requestId"),
        ),
    }),
    async (c) => {
      const requestId = c.get("requestId");
      const path = new URL(c.req.url).pathname;
      const lookup = lookupRoute(c.req.method, path);
      if (lookup.kind !== "matched") {
        await c.req.raw.body?.cancel().catch(() => undefined);
        return toResponse(routeNotFoundResponse(c.req.method, path, requestId, allRoutes), requestId);
      }
      const { match } = lookup;
      let authorizer: Awaited<ReturnType<JwtAuthorizer>> | undefined;
      if (options.jwtAuthorizer && match.route.auth === "jwt") {
        try {
          authorizer = await options.jwtAuthorizer(c.req.header("authorization"));
        } catch (error) {
          const problem = error instanceof UnauthorizedError ? error.message : "is not valid";
          await c.req.raw.body?.cancel().catch(() => undefined);
          return gatewayError(401, "unauthorized", "authorization", problem, requestId, {
            "www-authenticate": "Bearer",
          });
        }
      }
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await c.req.arrayBuffer());
      } catch {
        // The client went away mid-body (or sent a broken chunked body): nobody is left to read
        // an answer, but one is given in case the socket still takes it.
        return gatewayError(400, "incomplete_body", "body", "ended before it was complete", requestId, {
          connection: "close",
        });
      }
      const event = requestEvent(
        c.req.raw,
        bytes,
        match,
        c.env.incoming.socket.remoteAddress ?? "127.0.0.1",
        authorizer,
      );
      const result = await invoke(handlers[match.route.function], event, match.route.function);
      return toResponse(result ?? internalErrorResponse(requestId), event.requestContext.requestId);
    },
  );
  app.onError((error, c) => {
    const requestId = c.get("requestId") ?? randomUUID();
    const incoming = c.env?.incoming;
    if (incoming && (incoming.errored || incoming.destroyed || !incoming.complete)) {
      // Reading the body failed because the client broke it off or mangled its chunking.
      return gatewayError(400, "incomplete_body", "body", "ended before it was complete", requestId, {
        connection: "close",
      });
    }
    process.stderr.write(
      `${JSON.stringify({ level: "ERROR", message: "gateway failed", requestId, error: String(error) })}\n`,
    );
    return toResponse(internalErrorResponse(requestId), requestId);
  });
  return app;
}
