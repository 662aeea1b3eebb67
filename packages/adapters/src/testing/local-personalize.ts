import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the stand-in received: which API (by path) and the JSON body the SDK sent. */
export interface ReceivedCall {
  readonly path: string;
  readonly body: Record<string, unknown>;
}

export interface LocalPersonalizeBehaviour {
  /** Milliseconds to wait before answering each request. */
  delayMs: number;
  /** Milliseconds to wait for one request body instead (e.g. one campaign slow); `delayMs` when absent. */
  delayFor?: ((request: Record<string, unknown>) => number) | undefined;
  /** Answer every request with this AWS error instead (e.g. 500 InternalServerError). */
  failure?: { status: number; type: string } | undefined;
  /** The item ids GetRecommendations answers for a request body. */
  itemsFor: (request: Record<string, unknown>) => readonly string[];
  /** The `reason` GetRecommendations gives an item (User-Personalization-v2); none by default. */
  reasonFor?: ((itemId: string) => readonly string[] | undefined) | undefined;
}

export interface LocalPersonalize {
  /** For PERSONALIZE_RUNTIME_ENDPOINT and PERSONALIZE_EVENTS_ENDPOINT. */
  readonly endpoint: string;
  readonly received: ReceivedCall[];
  behave(change: Partial<LocalPersonalizeBehaviour>): void;
  stop(): Promise<void>;
}

function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      resolve(text ? JSON.parse(text) : {});
    });
    request.on("error", reject);
  });
}

function answer(response: ServerResponse, status: number, headers: Record<string, string>, body: unknown) {
  // The client may have given up (its time budget ran out) and closed the socket.
  if (response.destroyed) return;
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

/**
 * A stand-in for Amazon Personalize on 127.0.0.1 that speaks the runtime's GetRecommendations and
 * the event tracker's PutEvents over HTTP, as the real SDK clients send them with an endpoint
 * override. Tests and benches set its latency and make it fail.
 */
export async function startLocalPersonalize(
  initial: Partial<LocalPersonalizeBehaviour> = {},
): Promise<LocalPersonalize> {
  const behaviour: LocalPersonalizeBehaviour = {
    delayMs: 0,
    itemsFor: (request) =>
      Array.from(
        { length: Number(request.numResults ?? 25) },
        (_, i) => `item_${String(i + 1).padStart(5, "0")}`,
      ),
    ...initial,
  };
  const received: ReceivedCall[] = [];
  let served = 0;

  const server = createServer(async (request, response) => {
    const body = await readJson(request);
    received.push({ path: request.url ?? "", body });
    const { failure } = behaviour;
    const delayMs = behaviour.delayFor?.(body) ?? behaviour.delayMs;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (failure) {
      answer(response, failure.status, { "x-amzn-errortype": failure.type }, { message: "local failure" });
    } else if (request.url === "/recommendations") {
      const itemList = behaviour.itemsFor(body).map((itemId, rank) => {
        const reason = behaviour.reasonFor?.(itemId);
        return { itemId, score: 1 / (rank + 2), ...(reason && { reason }) };
      });
      answer(response, 200, {}, { itemList, recommendationId: `RID-local-${++served}` });
    } else if (request.url === "/events") {
      answer(response, 200, {}, {});
    } else {
      answer(response, 404, { "x-amzn-errortype": "UnknownOperationException" }, { message: request.url });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    received,
    behave(change) {
      Object.assign(behaviour, change);
    },
    stop() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
