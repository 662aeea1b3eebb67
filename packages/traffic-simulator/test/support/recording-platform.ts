import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  readonly path: string;
  readonly body: Record<string, unknown>;
}

/** The stand-in's answer to one POST /recommendations body. */
export type RecommendationsAnswer = (body: Record<string, unknown>) => unknown;

export interface RecordingPlatform {
  readonly url: string;
  /** Every request, in arrival order: what actually went over the wire. */
  readonly received: Received[];
  eventsReceived(): Record<string, unknown>[];
  close(): Promise<void>;
}

/**
 * A stand-in for the platform that answers /recommendations with `answer` and accepts every
 * event, recording each request so a ground truth can be checked against what was sent.
 */
export async function startRecordingPlatform(answer: RecommendationsAnswer): Promise<RecordingPlatform> {
  const received: Received[] = [];
  const server = createServer(async (request: IncomingMessage, response) => {
    let text = "";
    for await (const chunk of request) text += chunk;
    const body = JSON.parse(text) as Record<string, unknown>;
    received.push({ path: request.url ?? "", body });
    response.setHeader("content-type", "application/json");
    if (request.url === "/recommendations") {
      response.statusCode = 200;
      response.end(JSON.stringify(answer(body)));
    } else {
      response.statusCode = 202;
      response.end(JSON.stringify({ event_id: body.event_id, duplicate: false, forwarded: true }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    eventsReceived: () =>
      received.filter((request) => request.path === "/events").map((request) => request.body),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
