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

/** Kept back from the function's timeout to send the answer in: the frame answers 503 by then. */
export const ANSWER_MARGIN_MS = 500;

const OUT_OF_TIME = Symbol("out of time");

/**
 * Resolves with OUT_OF_TIME when the function has `ANSWER_MARGIN_MS` left. Each SDK call is
 * bounded, but calls in sequence are not: two stalled reads in a row outlast a 5 s function.
 */
function outOfTime(context: Context) {
  let timer: NodeJS.Timeout | undefined;
  const reached = new Promise<typeof OUT_OF_TIME>((resolve) => {
    timer = setTimeout(
      resolve,
      Math.max(0, context.getRemainingTimeInMillis() - ANSWER_MARGIN_MS),
      OUT_OF_TIME,
    );
  });
  return { reached, cancel: () => clearTimeout(timer) };
}

/**
 * The frame every API function runs in: request-scoped logging, metrics flushed per invocation,
 * client errors answered as 4xx JSON, an unavailable dependency (DynamoDB timing out, refusing
 * connections, throttling after retries) as 503 with Retry-After, and anything else logged with context and answered with a
 * stable code — the client never sees an internal message. A request still unanswered just before
 * the function's timeout is answered 503 too, and its work abandoned: a timed-out function would
 * give the client API Gateway's bare 5xx instead. (Work left running may finish in a later
 * invocation; every write it makes is conditional or idempotent.)
 */
export function httpHandler(handle: HttpHandler): HttpHandler {
  return async (event, context) => {
    logger.addContext(context);
    logger.appendKeys({ route: event.routeKey, apiRequestId: event.requestContext?.requestId });
    if (coldStart) {
      metrics.captureColdStartMetric();
      coldStart = false;
    }
    const deadline = outOfTime(context);
    try {
      if (event.routeKey === DEFAULT_ROUTE_KEY) {
        return routeNotFoundResponse(event.requestContext.http.method, event.rawPath, context.awsRequestId);
      }
      const result = await Promise.race([handle(event, context), deadline.reached]);
      if (result === OUT_OF_TIME) {
        logger.error("out of time, answered 503", { marginMs: ANSWER_MARGIN_MS });
        return serviceUnavailableResponse(context.awsRequestId);
      }
      return result;
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
      deadline.cancel();
      // Dimensions belong to the invocation: one that added some but no metric (a paused test's
      // assignment) must not hand them to the next, where adding them again warns and overwrites.
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
      else metrics.clearDimensions();
      logger.resetKeys();
    }
  };
}
