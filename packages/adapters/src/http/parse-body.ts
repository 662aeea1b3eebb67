import { nestsDeeperThan } from "@personalize-ab/domain";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type * as z from "zod/mini";
import { ClientError, type FieldProblem, invalidRequest } from "./errors";

/** Bodies larger than this are refused before parsing; every contract fits in a few KB. */
export const MAX_BODY_BYTES = 64 * 1024;
/** How deep any field of a body may nest; checked before a schema or JSON.stringify recurses. */
export const MAX_FIELD_DEPTH = 16;

type BodyEvent = Pick<APIGatewayProxyEventV2, "body" | "isBase64Encoded"> & {
  readonly headers?: APIGatewayProxyEventV2["headers"];
};

function fieldOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "body" : path.map(String).join(".");
}

export function problemsOf(error: z.core.$ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ field: fieldOf(issue.path), problem: issue.message }));
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

function bodyProblem(problem: string): ClientError {
  return invalidRequest([{ field: "body", problem }]);
}

function requireWithinSize(event: BodyEvent): void {
  const body = event.body ?? "";
  const bytes = event.isBase64Encoded ? Buffer.byteLength(body, "base64") : Buffer.byteLength(body, "utf8");
  if (bytes > MAX_BODY_BYTES) {
    throw new ClientError(413, "payload_too_large", `body: must be at most ${MAX_BODY_BYTES} bytes`, [
      { field: "body", problem: `must be at most ${MAX_BODY_BYTES} bytes` },
    ]);
  }
}

/**
 * The body as text. A base64 body (API Gateway's form for bytes that are not UTF-8 text) is decoded
 * strictly: invalid bytes are refused, never turned into U+FFFD, which would make two different
 * ids one user.
 */
function textOf(event: BodyEvent): string {
  const body = event.body ?? "";
  if (!event.isBase64Encoded) return body;
  try {
    return strictUtf8.decode(Buffer.from(body, "base64"));
  } catch {
    throw bodyProblem("must be valid UTF-8");
  }
}

function headerOf(event: BodyEvent, name: string): string | undefined {
  const headers = event.headers ?? {};
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** `application/json`, with at most a UTF-8 charset parameter; anything else is a 415. */
function requireJsonContentType(event: BodyEvent): void {
  const given = headerOf(event, "content-type");
  const [type = "", ...parameters] = (given ?? "").split(";").map((part) => part.trim().toLowerCase());
  const charset = parameters.find((parameter) => parameter.startsWith("charset="))?.slice("charset=".length);
  const utf8 = charset === undefined || ["utf-8", "utf8", '"utf-8"'].includes(charset);
  if (type === "application/json" && utf8) return;
  const problem =
    given === undefined
      ? "is required: application/json"
      : `must be application/json (charset utf-8 if any), not ${JSON.stringify(given.slice(0, 100))}`;
  throw new ClientError(415, "unsupported_media_type", `content-type: ${problem}`, [
    { field: "content-type", problem },
  ]);
}

/** The first top-level field nesting deeper than the limit, named so the client knows which. */
function requireBoundedNesting(json: object): void {
  for (const [field, value] of Object.entries(json)) {
    if (nestsDeeperThan(value, MAX_FIELD_DEPTH)) {
      throw invalidRequest([{ field, problem: `must nest at most ${MAX_FIELD_DEPTH} levels` }]);
    }
  }
}

/**
 * The request body as the schema's output type, or a ClientError naming each bad field. Checks run
 * cheapest and safest first: size, media type, UTF-8, JSON, depth, and only then the schema.
 */
export function parseJsonBody<S extends z.ZodMiniType>(event: BodyEvent, schema: S): z.output<S> {
  requireWithinSize(event);
  if ((event.body ?? "").trim() === "") throw bodyProblem("is required (a JSON object)");
  requireJsonContentType(event);
  const text = textOf(event);
  let json: unknown;
  try {
    // V8's JSON.parse does not recurse, so a deeply nested body cannot overflow it.
    json = JSON.parse(text);
  } catch {
    throw bodyProblem("must be valid JSON");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw bodyProblem("must be a JSON object");
  }
  requireBoundedNesting(json);
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw invalidRequest(problemsOf(parsed.error));
  return parsed.data;
}
