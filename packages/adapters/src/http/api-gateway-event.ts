import { randomUUID } from "node:crypto";
import type { APIGatewayEventRequestContextJWTAuthorizer, APIGatewayProxyEventV2, Context } from "aws-lambda";

export interface HttpRequestShape {
  readonly method: string;
  /** Path as requested, e.g. `/recommendations`. */
  readonly path: string;
  /** The route that matched, e.g. `POST /recommendations`. */
  readonly routeKey: string;
  /** Text, or the bytes as received: bytes that are not UTF-8 text travel base64-encoded, as API Gateway sends them. */
  readonly body?: string | Uint8Array;
  /** What a JWT authorizer verified, as API Gateway puts it in `requestContext.authorizer`. */
  readonly authorizer?: APIGatewayEventRequestContextJWTAuthorizer;
  readonly headers?: Record<string, string>;
  readonly pathParameters?: Record<string, string>;
  readonly sourceIp?: string;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

function bodyFields(body: string | Uint8Array | undefined) {
  if (body === undefined) return { isBase64Encoded: false };
  if (typeof body === "string") return { body, isBase64Encoded: false };
  try {
    return { body: strictUtf8.decode(body), isBase64Encoded: false };
  } catch {
    return { body: Buffer.from(body).toString("base64"), isBase64Encoded: true };
  }
}

/**
 * The payload-format-2.0 event API Gateway's HTTP API hands a Lambda for a request: the local
 * gateway serves requests through it, and handler tests build their events with it.
 */
export function apiGatewayEvent(request: HttpRequestShape): APIGatewayProxyEventV2 {
  const now = new Date();
  const headers = Object.fromEntries(
    Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  const [rawPath, rawQueryString = ""] = request.path.split("?", 2) as [string, string?];
  return {
    version: "2.0",
    routeKey: request.routeKey,
    rawPath,
    rawQueryString,
    headers,
    ...(request.pathParameters && { pathParameters: request.pathParameters }),
    requestContext: {
      ...(request.authorizer && { authorizer: request.authorizer }),
      accountId: "000000000000",
      apiId: "local",
      domainName: headers.host ?? "localhost",
      domainPrefix: "local",
      http: {
        method: request.method,
        path: rawPath,
        protocol: "HTTP/1.1",
        sourceIp: request.sourceIp ?? "127.0.0.1",
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      routeKey: request.routeKey,
      stage: "$default",
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    ...bodyFields(request.body),
  };
}

/**
 * The Lambda context the runtime would pass; only what handlers and Powertools read is meaningful.
 * The remaining time counts down from `timeoutMs`, the function's timeout.
 */
export function lambdaContext(functionName: string, timeoutMs = 5000): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: "256",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
