import type { RawRequestOptions } from "./raw-http";

/** One hostile request: the bytes put on the wire, and what the answer must name. */
export interface CorpusCase {
  readonly name: string;
  readonly bytes: string | Buffer;
  readonly options?: RawRequestOptions;
  /** The status the answer must have; any 4xx (or a closed socket, for `raw`) when omitted. */
  readonly status?: number;
  /** A field the error's details must name (a prefix: `properties` matches `properties.a`). */
  readonly field?: string;
  /** Malformed HTTP: closing the socket without an answer is also acceptable. */
  readonly raw?: boolean;
}

type Json = string;

/** A complete HTTP/1.1 request with `Connection: close`, so one request is one socket. */
export function httpRequest(
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = { "content-type": "application/json" },
): Buffer {
  const bytes =
    body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(body, "utf8");
  const lines = [`${method} ${path} HTTP/1.1`, "Host: 127.0.0.1", "Connection: close"];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (body !== undefined) lines.push(`Content-Length: ${bytes.length}`);
  return Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1"), bytes]);
}

const VALID: Record<string, Record<string, unknown>> = {
  "/assignments": { user_id: "user_00001" },
  "/recommendations": { user_id: "user_00001", num_results: 5 },
  "/events": { user_id: "user_00001", event_type: "purchase", item_id: "item_00001" },
};
export const CLIENT_PATHS = Object.keys(VALID);

/** Wrong values a JSON text can carry for a field, written as JSON source (so `1e400` stays Infinity). */
const NOT_A_STRING: Json[] = ["123", "true", "null", "[]", '{"a":"b"}', '["user_00001"]'];
const BAD_STRINGS: Json[] = ['""', JSON.stringify("x".repeat(300)), '"\\ud800"', '"a\\udc00b"'];
const NOT_A_NUMBER: Json[] = ['"5"', "true", "null", "[]", "{}"];
const STRING_FIELDS: Record<string, readonly string[]> = {
  "/assignments": ["user_id", "test_name"],
  "/recommendations": ["user_id", "test_name", "item_id"],
  "/events": ["user_id", "event_type", "item_id", "session_id", "recommendation_id", "event_id"],
};
const NUMBER_FIELDS: Record<string, Record<string, readonly Json[]>> = {
  "/assignments": {},
  "/recommendations": { num_results: ["0", "-1", "501", "1.5", "1e400", "100000000000000000000"] },
  "/events": {
    event_value: ["1e400", "-1e400", "1e-200", "9007199254740993"],
    timestamp: ["0", "-5", "1e12", "1e400"],
  },
};
const TEST_NAMES: Json[] = [
  '"has space"',
  '"semi;colon"',
  JSON.stringify("t".repeat(129)),
  '"ünïcode"',
  '"a/b"',
];

/** The valid body of `path` with `field` replaced by the JSON source `value`. */
function withField(path: string, field: string, value: Json): string {
  const { [field]: _removed, ...rest } = VALID[path]!;
  const head = JSON.stringify(rest);
  return `${head.slice(0, -1)}${head.length > 2 ? "," : ""}"${field}":${value}}`;
}

const post = (path: string, body: string | Buffer, headers?: Record<string, string>) =>
  httpRequest("POST", path, body, headers);

function fieldCases(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const path of CLIENT_PATHS) {
    for (const field of STRING_FIELDS[path]!) {
      const values = [...NOT_A_STRING, ...BAD_STRINGS, ...(field === "test_name" ? TEST_NAMES : [])];
      for (const value of values) {
        cases.push({
          name: `${path} ${field}=${value.slice(0, 40)}`,
          bytes: post(path, withField(path, field, value)),
          status: 400,
          field,
        });
      }
    }
    for (const [field, values] of Object.entries(NUMBER_FIELDS[path]!)) {
      for (const value of [...NOT_A_NUMBER, ...values]) {
        cases.push({
          name: `${path} ${field}=${value}`,
          bytes: post(path, withField(path, field, value)),
          status: 400,
          field,
        });
      }
    }
    const { user_id: _user, ...withoutUser } = VALID[path]!;
    cases.push({
      name: `${path} without user_id`,
      bytes: post(path, JSON.stringify(withoutUser)),
      status: 400,
      field: "user_id",
    });
  }
  const contexts: Json[] = [
    "[]",
    '"x"',
    '{"a":1}',
    '{"a":null}',
    JSON.stringify(Object.fromEntries(Array.from({ length: 151 }, (_, i) => [`k${i}`, "v"]))),
    `{"":"v"}`,
  ];
  for (const context of contexts) {
    cases.push({
      name: `/recommendations context=${context.slice(0, 30)}`,
      bytes: post("/recommendations", withField("/recommendations", "context", context)),
      status: 400,
      field: "context",
    });
  }
  const properties: Json[] = ["[]", '"x"', "42", JSON.stringify({ big: "x".repeat(2000) })];
  for (const value of properties) {
    cases.push({
      name: `/events properties=${value.slice(0, 30)}`,
      bytes: post("/events", withField("/events", "properties", value)),
      status: 400,
      field: "properties",
    });
  }
  cases.push({
    name: "/events event_type=recommendation_served",
    bytes: post("/events", withField("/events", "event_type", '"recommendation_served"')),
    status: 400,
    field: "event_type",
  });
  return cases;
}

const BAD_JSON: string[] = [
  "{",
  "}",
  '{"user_id":}',
  '{"user_id":"user_00001",}',
  "{'user_id':'user_00001'}",
  '{"user_id":"user_00001"',
  '{"user_id":NaN}',
  '{"user_id":undefined}',
  "nul",
  "tru",
  '{"user_id":"user_00001"}}',
  '{"user_id" "x"}',
  '{"user_id":"\\x41"}',
  '{"user_id":"\\u12"}',
  "\u0000",
  '{"user_id":"user_00001"} trailing',
  "<xml/>",
  "user_id=user_00001",
];
const NOT_AN_OBJECT: string[] = ["[]", '["user_00001"]', '"user_00001"', "1", "null", "true", "-0", "[{}]"];
const EMPTY: string[] = ["", " ", "\r\n\t "];

function bodyCases(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const path of CLIENT_PATHS) {
    for (const body of BAD_JSON)
      cases.push({
        name: `${path} bad JSON ${JSON.stringify(body).slice(0, 30)}`,
        bytes: post(path, body),
        status: 400,
        field: "body",
      });
    for (const body of NOT_AN_OBJECT)
      cases.push({
        name: `${path} not an object ${body}`,
        bytes: post(path, body),
        status: 400,
        field: "body",
      });
    for (const body of EMPTY)
      cases.push({
        name: `${path} empty body ${JSON.stringify(body)}`,
        bytes: post(path, body),
        status: 400,
        field: "body",
      });
    cases.push({
      name: `${path} no body at all`,
      bytes: httpRequest("POST", path),
      status: 400,
      field: "body",
    });
    cases.push({
      name: `${path} 100 KB body`,
      bytes: post(path, withField(path, "user_id", JSON.stringify("u".repeat(100_000)))),
      status: 413,
      field: "body",
    });
    cases.push({
      name: `${path} 11 MB body`,
      bytes: post(path, withField(path, "padding", JSON.stringify("p".repeat(11 * 1024 * 1024)))),
      status: 413,
      field: "body",
    });
  }
  return cases;
}

function routeCases(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const path of CLIENT_PATHS) {
    for (const method of ["GET", "PUT", "DELETE", "PATCH"]) {
      cases.push({
        name: `${method} ${path}`,
        bytes: httpRequest(method, path, method === "GET" ? undefined : JSON.stringify(VALID[path])),
        status: 405,
        field: "method",
      });
    }
    cases.push({
      name: `${path}/extra`,
      bytes: post(`${path}/extra`, JSON.stringify(VALID[path])),
      status: 404,
      field: "path",
    });
    cases.push({
      name: `${path.toUpperCase()}`,
      bytes: post(path.toUpperCase(), JSON.stringify(VALID[path])),
      status: 404,
      field: "path",
    });
  }
  const unknown = [
    "/",
    "/nowhere",
    "/%00",
    "/%ZZ",
    "/..%2f..%2fetc%2fpasswd",
    "/events%00",
    "/;",
    "/%F0%9F%92%A9",
    `/${"a".repeat(2000)}`,
    "/health/x",
    "/users/user_00001",
    "/.env",
    "/admin",
  ];
  for (const path of unknown)
    cases.push({
      name: `GET ${path.slice(0, 40)}`,
      bytes: httpRequest("GET", path),
      status: 404,
      field: "path",
    });
  cases.push({ name: "POST /health", bytes: post("/health", "{}"), status: 405, field: "method" });
  cases.push({
    name: "DELETE /health",
    bytes: httpRequest("DELETE", "/health"),
    status: 405,
    field: "method",
  });
  return cases;
}

const HEAD = "Host: 127.0.0.1\r\n";
/** Requests Node's parser or the URL rules refuse before any route is looked up. */
function rawCases(): CorpusCase[] {
  const bytes: [string, string | Buffer, RawRequestOptions?][] = [
    [
      "closes mid-body (Content-Length 1000, 11 bytes)",
      `POST /events HTTP/1.1\r\n${HEAD}Content-Length: 1000\r\n\r\n{"user_id":`,
      { halfClose: true },
    ],
    [
      "aborts mid-body (Content-Length 1000, 11 bytes)",
      `POST /events HTTP/1.1\r\n${HEAD}Content-Length: 1000\r\n\r\n{"user_id":`,
      { abort: true },
    ],
    [
      "closes mid-chunk",
      `POST /events HTTP/1.1\r\n${HEAD}Transfer-Encoding: chunked\r\n\r\n100\r\n{"user_id"`,
      { halfClose: true },
    ],
    [
      "closes right after the headers",
      `POST /assignments HTTP/1.1\r\n${HEAD}Content-Length: 50\r\n\r\n`,
      { halfClose: true },
    ],
    [
      "a chunk size that is not hex",
      `POST /events HTTP/1.1\r\n${HEAD}Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n`,
    ],
    [
      "a chunk longer than its size",
      `POST /events HTTP/1.1\r\n${HEAD}Transfer-Encoding: chunked\r\n\r\n2\r\nabcdef\r\n0\r\n\r\n`,
    ],
    [
      "a negative chunk size",
      `POST /events HTTP/1.1\r\n${HEAD}Transfer-Encoding: chunked\r\n\r\n-5\r\nabc\r\n0\r\n\r\n`,
    ],
    ["an unsupported transfer coding", `POST /events HTTP/1.1\r\n${HEAD}Transfer-Encoding: gzip\r\n\r\nabc`],
    [
      "Content-Length and chunked together",
      `POST /events HTTP/1.1\r\n${HEAD}Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    ],
    [
      "two different Content-Lengths",
      `POST /events HTTP/1.1\r\n${HEAD}Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd`,
    ],
    ["a Content-Length that is not a number", `POST /events HTTP/1.1\r\n${HEAD}Content-Length: ten\r\n\r\n`],
    ["a negative Content-Length", `POST /events HTTP/1.1\r\n${HEAD}Content-Length: -1\r\n\r\n`],
    [
      "a broken absolute URL (POST http://[/events)",
      `POST http://[/events HTTP/1.1\r\n${HEAD}Content-Length: 0\r\n\r\n`,
    ],
    [
      "an absolute URL with another scheme",
      `POST ftp://x/events HTTP/1.1\r\n${HEAD}Content-Length: 0\r\n\r\n`,
    ],
    ["a request target of *", `POST * HTTP/1.1\r\n${HEAD}Content-Length: 0\r\n\r\n`],
    ["a backslash in the path", `GET /health\\..\\x HTTP/1.1\r\n${HEAD}\r\n`],
    ["a Host header that is not a host", "GET /health HTTP/1.1\r\nHost: [zz\r\n\r\n"],
    ["no Host header", "GET /health HTTP/1.1\r\n\r\n"],
    ["a space in the path", `GET /he alth HTTP/1.1\r\n${HEAD}\r\n`],
    ["a NUL in the path", `GET /health\u0000 HTTP/1.1\r\n${HEAD}\r\n`],
    ["an unknown HTTP version", `GET /health HTTP/9.9\r\n${HEAD}\r\n`],
    ["HTTP/0.9", "GET /health\r\n\r\n"],
    ["an HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"],
    [
      "TLS bytes on the plain port",
      Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]),
    ],
    ["no HTTP at all", "HELLO\r\n\r\n"],
    ["an unknown method", `BREW /events HTTP/1.1\r\n${HEAD}\r\n`],
    ["a header without a colon", `GET /health HTTP/1.1\r\n${HEAD}NoColonHere\r\n\r\n`],
    ["a header name with a space", `GET /health HTTP/1.1\r\n${HEAD}Bad Name: x\r\n\r\n`],
    ["a control character in a header value", `GET /health HTTP/1.1\r\n${HEAD}X-Test: a\u0001b\r\n\r\n`],
    ["obsolete header folding", `GET /health HTTP/1.1\r\n${HEAD}X-Test: a\r\n  folded\r\n\r\n`],
    ["bare LF line endings", "GET /health HTTP/1.1\nHost: 127.0.0.1\n\n"],
    ["20 KB of one header", `GET /health HTTP/1.1\r\n${HEAD}X-Big: ${"a".repeat(20_000)}\r\n\r\n`],
    [
      "2,000 small headers",
      `GET /health HTTP/1.1\r\n${HEAD}${Array.from({ length: 2000 }, (_, i) => `X-H${i}: v`).join("\r\n")}\r\n\r\n`,
    ],
    ["a 20 KB request line", `GET /${"a".repeat(20_000)} HTTP/1.1\r\n${HEAD}\r\n`],
    ["10 KB of random bytes", Buffer.from(Array.from({ length: 10_000 }, (_, i) => (i * 7919 + 13) % 256))],
    [
      "stops halfway through its headers (slowloris)",
      `POST /events HTTP/1.1\r\n${HEAD}X-Slow: `,
      { timeoutMs: 60_000 },
    ],
    [
      "stops halfway through its body",
      `POST /events HTTP/1.1\r\n${HEAD}Content-Length: 10\r\n\r\n{`,
      { timeoutMs: 60_000 },
    ],
  ];
  return bytes.map(([name, data, options]) => ({
    name: `raw: ${name}`,
    bytes: data,
    raw: true,
    ...(options && { options }),
  }));
}

const INVALID_UTF8: readonly (readonly number[])[] = [
  [0xff], // never valid
  [0xc3], // a lead byte with nothing after it
  [0xe2, 0x82], // a three-byte sequence cut short
  [0xc0, 0xaf], // an overlong '/'
  [0xed, 0xa0, 0x80], // a UTF-16 surrogate encoded as UTF-8
  [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
];
const WRONG_CONTENT_TYPES: readonly (string | undefined)[] = [
  undefined,
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/jsonp",
  "application/json; charset=latin1",
  "application/json-patch+json",
  "text/json",
];
/** JSON escapes of control characters (C0, DEL, C1), written into ids. */
const CONTROL_CHARACTERS: readonly string[] = [
  "\\u0000",
  "\\u0007",
  "\\n",
  "\\t",
  "\\u001f",
  "\\u007f",
  "\\u0085",
  "\\u009f",
];
/** JSON source of spellings that normalize to the reserved exposure type. */
const RESERVED_TYPE_SPELLINGS: readonly string[] = [
  "Recommendation_Served",
  " recommendation_served",
  "RECOMMENDATION_SERVED\\t",
  "recommendation_served\\u00a0",
  "\\uff52ecommendation_served",
];
const DAY = 24 * 60 * 60;

/** The body rules: strict UTF-8, application/json, bounded nesting, clean ids, the timestamp window, the reserved type. */
function bodyRuleCases(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const path of CLIENT_PATHS) {
    const valid = JSON.stringify(VALID[path]);
    for (const bytes of INVALID_UTF8) {
      const [head, tail] = [
        valid.slice(0, valid.indexOf("user_00001")),
        valid.slice(valid.indexOf("user_00001")),
      ];
      const body = Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(tail)]);
      cases.push({
        name: `${path} invalid UTF-8 ${Buffer.from(bytes).toString("hex")}`,
        bytes: post(path, body),
        status: 400,
        field: "body",
      });
    }
    for (const type of WRONG_CONTENT_TYPES) {
      cases.push({
        name: `${path} content-type ${type ?? "(none)"}`,
        bytes: httpRequest("POST", path, valid, type === undefined ? {} : { "content-type": type }),
        status: 415,
        field: "content-type",
      });
    }
    const deep = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
    cases.push({
      name: `${path} user_id nested 5,000 deep`,
      bytes: post(path, withField(path, "user_id", deep(5000))),
      status: 400,
      field: "user_id",
    });
    cases.push({
      name: `${path} an extra field nested 20,000 deep`,
      bytes: post(path, withField(path, "extra", deep(20_000))),
      status: 400,
      field: "extra",
    });
    for (const field of STRING_FIELDS[path]!.filter((name) => name !== "test_name" && name !== "event_id")) {
      for (const control of CONTROL_CHARACTERS) {
        cases.push({
          name: `${path} ${field} with ${control}`,
          bytes: post(path, withField(path, field, `"user${control}00001"`)),
          status: 400,
          field,
        });
      }
    }
  }
  const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
  cases.push({
    name: "/events properties nested 5,000 deep (10 KB)",
    bytes: post("/events", withField("/events", "properties", nested(5000))),
    status: 400,
    field: "properties",
  });
  cases.push({
    name: "/events properties nested 9 deep",
    bytes: post("/events", withField("/events", "properties", nested(9))),
    status: 400,
    field: "properties",
  });
  cases.push({
    name: "/recommendations context nested 5,000 deep",
    bytes: post("/recommendations", withField("/recommendations", "context", nested(5000))),
    status: 400,
    field: "context",
  });
  const now = Math.floor(Date.now() / 1000);
  for (const seconds of [1, 86_400, 946_684_799, now + 2 * DAY, 99_999_999_999, 1e11]) {
    cases.push({
      name: `/events timestamp ${seconds}`,
      bytes: post("/events", withField("/events", "timestamp", String(seconds))),
      status: 400,
      field: "timestamp",
    });
  }
  for (const spelling of RESERVED_TYPE_SPELLINGS) {
    cases.push({
      name: `/events event_type ${spelling}`,
      bytes: post("/events", withField("/events", "event_type", `"${spelling}"`)),
      status: 400,
      field: "event_type",
    });
  }
  return cases;
}

/** Every case, body rules and HTTP breakage alike. */
export function badInputCorpus(): CorpusCase[] {
  return [...rawCases(), ...routeCases(), ...bodyCases(), ...fieldCases(), ...bodyRuleCases()];
}

export const VALID_BODIES = VALID;
