import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { getRequestListener } from "@hono/node-server";
import type { HttpHandler } from "@personalize-ab/adapters/http";
import type { FunctionKey } from "@personalize-ab/domain";
import { type GatewayAppOptions, gatewayApp } from "./gateway-app";
import { gatewayError, rawGatewayError } from "./gateway-errors";

export interface RunningGateway {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface GatewayOptions extends Partial<GatewayAppOptions> {
  readonly port?: number;
  readonly host?: string;
  /** A client must send its whole header block within this; slow ones are cut off (408). */
  readonly headersTimeoutMs?: number;
  /** ... and its whole request within this (API Gateway's integration limit is 30 s). */
  readonly requestTimeoutMs?: number;
}

/** API Gateway's HTTP API limit on the request line and headers together. */
const MAX_HEADER_BYTES = 10 * 1024;

/** What Node's parser reports before a request exists, as the 4xx API Gateway would give. */
function clientErrorReply(code: string | undefined): string | undefined {
  switch (code) {
    case "ECONNRESET":
    case "EPIPE":
      return undefined;
    case "HPE_HEADER_OVERFLOW":
      return rawGatewayError(
        431,
        "Request Header Fields Too Large",
        "headers_too_large",
        "headers",
        `must be at most ${MAX_HEADER_BYTES} bytes in all`,
      );
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return rawGatewayError(
        408,
        "Request Timeout",
        "request_timeout",
        "request",
        "was not received in time",
      );
    default:
      return rawGatewayError(400, "Bad Request", "malformed_request", "request", "is not valid HTTP/1.1");
  }
}

/**
 * Serves the gateway app on loopback. No client can bring it down: a request Node cannot parse,
 * a header block too large or too slow, a body cut short — each is answered 4xx (or its socket
 * closed) and the server goes on.
 */
export async function startGateway(
  handlers: Readonly<Record<FunctionKey, HttpHandler>>,
  options: GatewayOptions = {},
): Promise<RunningGateway> {
  const app = gatewayApp(handlers, { corsOrigins: [], ...options });
  const listener = getRequestListener(app.fetch, {
    // The request line or Host header does not make a URL (`POST http://[/events`): a 400, not a crash.
    errorHandler: () =>
      gatewayError(400, "malformed_request", "url", "is not a valid request target", crypto.randomUUID(), {
        connection: "close",
      }),
  });
  const server = createServer(
    {
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout: options.headersTimeoutMs ?? 10_000,
      requestTimeout: options.requestTimeoutMs ?? 30_000,
      // How often Node looks for requests past those timeouts (30 s by default).
      connectionsCheckingInterval: 500,
      keepAliveTimeout: 5_000,
      // Node would answer a missing Host itself, in plain text; the request listener answers it in JSON.
      requireHostHeader: false,
    },
    listener,
  );
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    const reply = clientErrorReply(error.code);
    if (
      reply &&
      socket.writable &&
      !(socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent
    ) {
      socket.end(reply);
    } else {
      socket.destroy();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 3000, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
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
