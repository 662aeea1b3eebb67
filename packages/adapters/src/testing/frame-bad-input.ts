import { MAX_FIELD_DEPTH } from "../http/parse-body";

/** A request body as sent: text or raw bytes, with its headers when not plain `application/json`. */
export interface RawRequest {
  readonly body: string | Uint8Array | undefined;
  readonly headers?: Record<string, string>;
}

export type BadInputCase = readonly [
  description: string,
  request: RawRequest,
  status: number,
  field: string,
  problem: string,
];

const JSON_TYPE = { "content-type": "application/json" };

/** `[[[ ... ]]]` nested `levels` deep, as text: built without recursion. */
export function nestedArrays(levels: number): string {
  return `${"[".repeat(levels)}${"]".repeat(levels)}`;
}

/**
 * What every JSON route's frame refuses whatever its contract: wrong media types, bytes that are
 * not UTF-8, a field nested past the depth limit, ids with control characters. `valid` is a body
 * the route accepts; `idField` a string id field of it.
 */
export function frameBadInputCases(valid: Record<string, unknown>, idField: string): BadInputCase[] {
  const json = JSON.stringify(valid);
  const withId = (id: string) => JSON.stringify({ ...valid, [idField]: id });
  // The id's value with a byte that can start no UTF-8 sequence (0xFF), and an overlong "/" (0xC0 0xAF).
  const bytes = (inner: number[]) =>
    new Uint8Array([...Buffer.from(`${json.slice(0, -1)},"${idField}":"a`), ...inner, ...Buffer.from('b"}')]);
  return [
    [
      "a text/plain body",
      { body: json, headers: { "content-type": "text/plain" } },
      415,
      "content-type",
      "application/json",
    ],
    ["no content-type", { body: json, headers: {} }, 415, "content-type", "is required"],
    [
      "a form body",
      { body: json, headers: { "content-type": "application/x-www-form-urlencoded" } },
      415,
      "content-type",
      "application/json",
    ],
    [
      "a latin-1 charset",
      { body: json, headers: { "content-type": "application/json; charset=iso-8859-1" } },
      415,
      "content-type",
      "charset utf-8",
    ],
    [
      "application/jsonp",
      { body: json, headers: { "content-type": "application/jsonp" } },
      415,
      "content-type",
      "application/json",
    ],
    [
      "an invalid UTF-8 byte in an id",
      { body: bytes([0xff]), headers: JSON_TYPE },
      400,
      "body",
      "valid UTF-8",
    ],
    [
      "an overlong UTF-8 sequence",
      { body: bytes([0xc0, 0xaf]), headers: JSON_TYPE },
      400,
      "body",
      "valid UTF-8",
    ],
    [
      "a truncated UTF-8 sequence",
      { body: bytes([0xe2, 0x82]), headers: JSON_TYPE },
      400,
      "body",
      "valid UTF-8",
    ],
    [
      "a field nested 5,000 deep",
      { body: `${json.slice(0, -1)},"deep":${nestedArrays(5000)}}` },
      400,
      "deep",
      `at most ${MAX_FIELD_DEPTH} levels`,
    ],
    [
      `a field nested ${MAX_FIELD_DEPTH + 1} deep`,
      { body: `${json.slice(0, -1)},"deep":${nestedArrays(MAX_FIELD_DEPTH + 1)}}` },
      400,
      "deep",
      `at most ${MAX_FIELD_DEPTH} levels`,
    ],
    [`a NUL in ${idField}`, { body: withId("a\u0000b") }, 400, idField, "control characters"],
    [`a tab in ${idField}`, { body: withId("a\tb") }, 400, idField, "control characters"],
    [`an escape character in ${idField}`, { body: withId("a\u001bb") }, 400, idField, "control characters"],
    [`a DEL in ${idField}`, { body: withId("a\u007fb") }, 400, idField, "control characters"],
    [`a C1 control in ${idField}`, { body: withId("a\u0085b") }, 400, idField, "control characters"],
  ];
}

/** Requests the frame must let through: media type spellings API clients send, UTF-8 bytes. */
export function frameAcceptedRequests(valid: Record<string, unknown>): [string, RawRequest][] {
  const json = JSON.stringify(valid);
  return [
    [
      "a charset=utf-8 parameter",
      { body: json, headers: { "content-type": "application/json; charset=utf-8" } },
    ],
    [
      "an upper-case media type",
      { body: json, headers: { "content-type": "Application/JSON;Charset=UTF-8" } },
    ],
    ["the body as UTF-8 bytes", { body: new Uint8Array(Buffer.from(json)), headers: JSON_TYPE }],
    [
      `a field nested ${MAX_FIELD_DEPTH} deep`,
      { body: `${json.slice(0, -1)},"deep":${nestedArrays(MAX_FIELD_DEPTH)}}` },
    ],
  ];
}
