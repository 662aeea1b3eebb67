import { connect } from "node:net";

export interface RawAnswer {
  /** The status code of the first response on the socket, if one came before it closed. */
  readonly status?: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Everything the server sent. */
  readonly raw: string;
  /** We stopped waiting: the server neither answered nor closed the socket in time. */
  readonly timedOut?: boolean;
}

function parse(raw: string): RawAnswer {
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(raw);
  if (!match) return { headers: {}, body: "", raw };
  const [head = "", ...rest] = raw.split("\r\n\r\n");
  const headers: Record<string, string> = {};
  for (const line of head.split("\r\n").slice(1)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = rest.join("\r\n\r\n");
  if (headers["transfer-encoding"] === "chunked") body = dechunk(body);
  else if (headers["content-length"])
    body = Buffer.from(body).subarray(0, Number(headers["content-length"])).toString();
  return { status: Number(match[1]), headers, body, raw };
}

function dechunk(text: string): string {
  let out = "";
  let rest = text;
  for (;;) {
    const end = rest.indexOf("\r\n");
    if (end < 0) return out;
    const size = Number.parseInt(rest.slice(0, end), 16);
    if (!size) return out;
    out += rest.slice(end + 2, end + 2 + size);
    rest = rest.slice(end + 2 + size + 2);
  }
}

export interface RawRequestOptions {
  /** End our side right after writing (a client that goes away mid-request). */
  readonly halfClose?: boolean;
  /** Destroy the socket right after writing, without waiting for an answer. */
  readonly abort?: boolean;
  /** Give up waiting for the server after this long (it then counts as no answer). */
  readonly timeoutMs?: number;
}

/** Writes `bytes` on a fresh TCP connection and collects what the server answers until it closes. */
export function rawRequest(
  port: number,
  bytes: string | Buffer,
  options: RawRequestOptions = {},
): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    const finish = (timedOut = false) => {
      clearTimeout(timer);
      socket.destroy();
      const answer = parse(Buffer.concat(chunks).toString("latin1"));
      resolve(timedOut ? { ...answer, timedOut } : answer);
    };
    const timer = setTimeout(() => finish(true), options.timeoutMs ?? 20_000);
    socket.on("data", (chunk) => {
      chunks.push(chunk);
      // One answer is enough: a keep-alive server would otherwise hold the socket open.
      const answer = parse(Buffer.concat(chunks).toString("latin1"));
      const length = Number(answer.headers["content-length"] ?? Number.NaN);
      if (answer.status !== undefined && Buffer.byteLength(answer.body, "latin1") >= length) finish();
      if (
        answer.status !== undefined &&
        answer.headers["transfer-encoding"] === "chunked" &&
        /\r\n0\r\n\r\n$/.test(answer.raw)
      )
        finish();
    });
    socket.on("error", () => finish());
    socket.on("close", () => finish());
    socket.write(bytes, () => {
      if (options.abort) finish();
      else if (options.halfClose) socket.end();
    });
  });
}
