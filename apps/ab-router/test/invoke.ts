import { apiGatewayEvent, lambdaContext } from "@personalize-ab/adapters/http";
import { ROUTES, routeKey } from "@personalize-ab/domain";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";

const route = ROUTES.find((candidate) => candidate.function === "abRouter")!;

type Handler = typeof import("../src/handler").handler;

export interface RouterAnswer {
  status: number;
  body: Record<string, unknown> & {
    error?: { code: string; message: string; details: { field: string; problem: string }[] };
  };
}

/** Posts a raw body to the router handler as API Gateway would, and parses the answer. */
export async function postAssignment(handler: Handler, body: string | undefined): Promise<RouterAnswer> {
  const event = apiGatewayEvent({
    method: "POST",
    path: route.path,
    routeKey: routeKey(route),
    headers: { "content-type": "application/json" },
    ...(body !== undefined && { body }),
  });
  const result = (await handler(event, lambdaContext("ab-router"))) as APIGatewayProxyStructuredResultV2;
  return { status: result.statusCode ?? 0, body: JSON.parse(result.body ?? "null") };
}
