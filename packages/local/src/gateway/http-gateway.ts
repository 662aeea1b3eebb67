import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { apiGatewayEvent, type HttpHandler, lambdaContext } from "@personalize-ab/adapters/http";
import { FUNCTIONS, type FunctionKey, routeKey } from "@personalize-ab/domain";
import { matchRoute } from "./route-matcher";

/** API Gateway's HTTP API refuses payloads over 10 MB before any Lambda sees them. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

export interface RunningGateway {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Buffer | "too-large"> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_PAYLOAD_BYTES) chunks.push(chunk);
  }
  return size > MAX_PAYLOAD_BYTES ? "too-large" : Buffer.concat(chunks);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

function headersOf(request: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(",") : (value ?? ""),
    ]),
  );
}

/**
 * Serves the catalog's routes on loopback, turning each request into the payload-format-2.0 event
 * the real Lambda handler receives behind API Gateway, and its result back into HTTP. What the
 * gateway itself answers (no route, payload too large, a crashed handler) matches API Gateway.
 */
export async function startGateway(
  handlers: Record<FunctionKey, HttpHandler>,
  options: { port?: number; host?: string } = {},
): Promise<RunningGateway> {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const matched = matchRoute(request.method ?? "GET", url.pathname);
    if (!matched) {
      request.resume();
      return sendJson(response, 404, { message: "Not Found" });
    }
    const body = await readBody(request);
    if (body === "too-large") return sendJson(response, 413, { message: "Request Entity Too Large" });
    const event = apiGatewayEvent({
      method: matched.route.method,
      path: `${url.pathname}${url.search}`,
      routeKey: routeKey(matched.route),
      headers: headersOf(request),
      // Bytes as received: the frame decodes them strictly, as it does what API Gateway sends.
      ...(body.length > 0 && { body }),
      ...(Object.keys(matched.pathParameters).length > 0 && { pathParameters: matched.pathParameters }),
      sourceIp: request.socket.remoteAddress ?? "127.0.0.1",
    });
    try {
      const result = await handlers[matched.route.function](
        event,
        lambdaContext(FUNCTIONS[matched.route.function].app),
      );
      const payload = result.isBase64Encoded ? Buffer.from(result.body ?? "", "base64") : (result.body ?? "");
      response.writeHead(result.statusCode ?? 200, { "content-type": "application/json", ...result.headers });
      response.end(payload);
    } catch (error) {
      process.stderr.write(
        `${JSON.stringify({ level: "ERROR", message: "handler crashed", error: String(error) })}\n`,
      );
      sendJson(response, 500, { message: "Internal Server Error" });
    }
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 3000, options.host ?? "127.0.0.1", resolve),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
