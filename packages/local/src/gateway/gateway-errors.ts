import { ClientError, clientErrorResponse } from "@personalize-ab/adapters/http";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";

/** A Lambda-shaped result as the HTTP response API Gateway would send for it. */
export function toResponse(result: APIGatewayProxyStructuredResultV2, requestId?: string): Response {
  const headers = new Headers({ "content-type": "application/json" });
  for (const [name, value] of Object.entries(result.headers ?? {})) headers.set(name, String(value));
  for (const cookie of result.cookies ?? []) headers.append("set-cookie", cookie);
  if (requestId) headers.set("apigw-requestid", requestId);
  const body = result.isBase64Encoded ? Buffer.from(result.body ?? "", "base64") : (result.body ?? "");
  return new Response(body, { status: result.statusCode ?? 200, headers });
}

/** An error the gateway itself answers, in the documented shape, naming the part of the request at fault. */
export function gatewayError(
  status: number,
  code: string,
  field: string,
  problem: string,
  requestId: string,
  headers: Record<string, string> = {},
): Response {
  const result = clientErrorResponse(
    new ClientError(status, code, `${field}: ${problem}`, [{ field, problem }]),
    requestId,
  );
  return toResponse({ ...result, headers: { ...result.headers, ...headers } }, requestId);
}

/** The same error as raw HTTP/1.1 bytes, for a socket whose request never parsed into a request. */
export function rawGatewayError(
  status: number,
  reason: string,
  code: string,
  field: string,
  problem: string,
): string {
  const body = JSON.stringify({
    error: { code, message: `${field}: ${problem}`, details: [{ field, problem }], request_id: null },
  });
  return [
    `HTTP/1.1 ${status} ${reason}`,
    "content-type: application/json; charset=utf-8",
    `content-length: ${Buffer.byteLength(body)}`,
    "connection: close",
    "",
    body,
  ].join("\r\n");
}
