import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { LocalRecommender } from "../model/local-recommender";
import { invalidInput, PersonalizeError } from "./personalize-error";
import { type Operation, personalizeOperations } from "./personalize-operations";

export interface RecommenderServerOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** The tracking id PutEvents accepts; the local one by default. */
  readonly trackingId?: string;
  /** The filters GetRecommendations accepts, expression by ARN; every declared filter by default. */
  readonly filters?: Readonly<Record<string, string>>;
  /** Where failures of our own are reported; JSON lines on stderr by default. */
  readonly logError?: (message: string, context: Record<string, unknown>) => void;
}

export interface RunningRecommenderServer {
  /** e.g. `http://127.0.0.1:41234`: the endpoint override for both Personalize runtime and events clients. */
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

const defaultLogError = (message: string, context: Record<string, unknown>) =>
  process.stderr.write(`${JSON.stringify({ level: "ERROR", message, ...context })}\n`);

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Reads to the end even when too large, so that the client still gets the answer on its connection.
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_BODY_BYTES) throw invalidInput(`body: must be at most ${MAX_BODY_BYTES} bytes`);
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw invalidInput("body: must be valid JSON");
  }
}

function send(response: ServerResponse, status: number, body: object | undefined, errorType?: string): void {
  const payload = body === undefined ? "" : JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(payload),
    "x-amzn-requestid": randomUUID(),
    ...(errorType && { "x-amzn-errortype": errorType }),
  });
  response.end(payload);
}

/**
 * Serves the local recommender on loopback as the Personalize runtime API (GetRecommendations,
 * GetPersonalizedRanking) and events API (PutEvents). Request signatures are not checked: any
 * credentials work, as with DynamoDB Local.
 */
export async function startRecommenderServer(
  recommender: LocalRecommender,
  options: RecommenderServerOptions = {},
): Promise<RunningRecommenderServer> {
  const operations: Record<string, Operation> = personalizeOperations(
    recommender,
    options.trackingId,
    options.filters,
  );
  const logError = options.logError ?? defaultLogError;

  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const operation = request.method === "POST" ? operations[path] : undefined;
    try {
      if (!operation) {
        request.resume();
        throw new PersonalizeError(
          "UnknownOperationException",
          404,
          `No operation at ${request.method} ${path}`,
        );
      }
      send(response, 200, operation(await readJsonBody(request)));
    } catch (error) {
      // A client that hung up mid-request is no failure of ours, and there is no one left to answer.
      if (request.destroyed && !request.complete) return;
      if (error instanceof PersonalizeError) {
        send(response, error.status, { message: error.message }, error.type);
        return;
      }
      logError("local recommender failed a request", {
        path,
        error: (error as Error).stack ?? String(error),
      });
      send(response, 500, { message: "Internal error" }, "InternalFailure");
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  return {
    endpoint: `http://${address}:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
