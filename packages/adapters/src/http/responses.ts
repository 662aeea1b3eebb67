import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { RETRY_AFTER_SECONDS } from "./dependency-unavailable";
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

/** A dependency is unavailable: 503 with Retry-After, in the documented error shape. */
export function serviceUnavailableResponse(requestId?: string): APIGatewayProxyStructuredResultV2 {
  const response = jsonResponse(503, {
    error: {
      code: "service_unavailable",
      message: `The service is briefly unavailable; retry after ${RETRY_AFTER_SECONDS} s.`,
      details: [],
      request_id: requestId,
    },
  });
  return { ...response, headers: { ...response.headers, "retry-after": String(RETRY_AFTER_SECONDS) } };
}
