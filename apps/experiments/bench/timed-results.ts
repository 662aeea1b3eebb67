import type { HttpHandler } from "@personalize-ab/adapters/http";
import { apiGatewayEvent, lambdaContext } from "@personalize-ab/adapters/http";
import { ROUTES, routeKey } from "@personalize-ab/domain";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";

const route = ROUTES.find((candidate) => candidate.path.endsWith("/results"))!;

/** One `GET /experiments/{test_name}/results` through the handler, timed; anything but 200 throws. */
export async function timedResults<Body>(handler: HttpHandler, testName: string) {
  const event = apiGatewayEvent({
    method: "GET",
    path: `/experiments/${testName}/results`,
    routeKey: routeKey(route),
    pathParameters: { test_name: testName },
  });
  const started = performance.now();
  const result = (await handler(event, lambdaContext("experiments"))) as APIGatewayProxyStructuredResultV2;
  const elapsed = performance.now() - started;
  if (result.statusCode !== 200) throw new Error(`results answered ${result.statusCode}: ${result.body}`);
  return { elapsed, body: JSON.parse(result.body ?? "{}") as Body };
}
