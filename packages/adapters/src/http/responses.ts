import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { ClientError } from "./errors";

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };

export function jsonResponse(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

export function clientErrorResponse(
  error: ClientError,
  requestId?: string,
): APIGatewayProxyStructuredResultV2 {
  return jsonResponse(error.status, {
    error: { code: error.code, message: error.message, details: error.details, request_id: requestId },
  });
}

/** What the client sees of a failure we caused: a stable code and the request id, no internals. */
export function internalErrorResponse(requestId?: string): APIGatewayProxyStructuredResultV2 {
  return jsonResponse(500, {
    error: { code: "internal_error", message: "The request could not be completed.", request_id: requestId },
  });
}
