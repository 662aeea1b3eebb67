import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { logger, metrics } from "../powertools";
import { isDependencyUnavailable } from "./dependency-unavailable";
import { ClientError } from "./errors";
import { clientErrorResponse, internalErrorResponse, serviceUnavailableResponse } from "./responses";
import { routeNotFoundResponse } from "./route-not-found";

/** The HTTP API's catch-all route: it reaches a function only when no catalog route matched. */
const DEFAULT_ROUTE_KEY = "$default";

export type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

let coldStart = true;

/**
 * The frame every API function runs in: request-scoped logging, metrics flushed per invocation,
 * client errors answered as 4xx JSON, an unavailable dependency (DynamoDB timing out, refusing
 * connections, throttling after retries) as 503 with Retry-After, and anything else logged with context and answered with a
 * stable code — the client never sees an internal message.
 */
export function httpHandler(handle: HttpHandler): HttpHandler {
  return async (event, context) => {
    logger.addContext(context);
    logger.appendKeys({ route: event.routeKey, apiRequestId: event.requestContext?.requestId });
    if (coldStart) {
      metrics.captureColdStartMetric();
      coldStart = false;
    }
    try {
      if (event.routeKey === DEFAULT_ROUTE_KEY) {
        return routeNotFoundResponse(event.requestContext.http.method, event.rawPath, context.awsRequestId);
      }
      return await handle(event, context);
    } catch (error) {
      if (error instanceof ClientError) {
        logger.info("request rejected", { status: error.status, code: error.code, details: error.details });
        return clientErrorResponse(error, context.awsRequestId);
      }
      if (isDependencyUnavailable(error)) {
        logger.error("dependency unavailable, answered 503", error as Error);
        return serviceUnavailableResponse(context.awsRequestId);
      }
      logger.error("request failed", error as Error);
      return internalErrorResponse(context.awsRequestId);
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
      logger.resetKeys();
    }
  };
}
