import { apiGatewayEvent, type HttpHandler, lambdaContext } from "@personalize-ab/adapters/http";
import { matchRoute, routeKey } from "@personalize-ab/domain";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";

export interface AdminAnswer {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: answers are checked field by field in the tests.
  readonly body: any;
}

/** Calls the handler as API Gateway would for `method path`, signed by `callerArn` when given. */
export async function adminCall(
  handler: HttpHandler,
  method: string,
  path: string,
  body?: unknown,
  callerArn?: string,
): Promise<AdminAnswer> {
  const matched = matchRoute(method, path);
  if (!matched) throw new Error(`no catalog route for ${method} ${path}`);
  const event = apiGatewayEvent({
    method,
    path,
    routeKey: routeKey(matched.route),
    headers: { "content-type": "application/json" },
    ...(body !== undefined && { body: JSON.stringify(body) }),
    ...(Object.keys(matched.pathParameters).length > 0 && { pathParameters: matched.pathParameters }),
  });
  if (callerArn) Object.assign(event.requestContext, { authorizer: { iam: { userArn: callerArn } } });
  const result = (await handler(event, lambdaContext("experiments"))) as APIGatewayProxyStructuredResultV2;
  return { status: result.statusCode ?? 0, body: JSON.parse(result.body ?? "null") };
}
