import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type * as z from "zod/mini";
import { ClientError, type FieldProblem, invalidRequest } from "./errors";

/** Bodies larger than this are refused before parsing; every contract fits in a few KB. */
export const MAX_BODY_BYTES = 64 * 1024;

function fieldOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "body" : path.map(String).join(".");
}

export function problemsOf(error: z.core.$ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ field: fieldOf(issue.path), problem: issue.message }));
}

function rawBody(event: Pick<APIGatewayProxyEventV2, "body" | "isBase64Encoded">): string {
  const body = event.body ?? "";
  const bytes = event.isBase64Encoded ? Buffer.byteLength(body, "base64") : Buffer.byteLength(body, "utf8");
  if (bytes > MAX_BODY_BYTES) {
    throw new ClientError(413, "payload_too_large", `body: must be at most ${MAX_BODY_BYTES} bytes`, [
      { field: "body", problem: `must be at most ${MAX_BODY_BYTES} bytes` },
    ]);
  }
  return event.isBase64Encoded ? Buffer.from(body, "base64").toString("utf8") : body;
}

/** The request body as the schema's output type, or a ClientError naming each bad field. */
export function parseJsonBody<S extends z.ZodMiniType>(
  event: Pick<APIGatewayProxyEventV2, "body" | "isBase64Encoded">,
  schema: S,
): z.output<S> {
  const text = rawBody(event);
  if (text.trim() === "") throw invalidRequest([{ field: "body", problem: "is required (a JSON object)" }]);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalidRequest([{ field: "body", problem: "must be valid JSON" }]);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw invalidRequest([{ field: "body", problem: "must be a JSON object" }]);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw invalidRequest(problemsOf(parsed.error));
  return parsed.data;
}
