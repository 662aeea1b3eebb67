import { InvokeStore } from "@aws/lambda-invoke-store";
import {
  apiGatewayEvent,
  type HttpHandler,
  httpHandler,
  jsonResponse,
  lambdaContext,
} from "@personalize-ab/adapters/http";
import { logger, MetricUnit, metrics } from "@personalize-ab/adapters/powertools";
import { captureMetricOutput, type EmfDocument } from "@personalize-ab/adapters/testing";
import { METRIC_DIMENSIONS, METRICS } from "@personalize-ab/domain";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { enableInvocationScopes, invocationScoped } from "../src/invocation-scope";

beforeAll(async () => {
  // As on the platform: the AWS SDK asks for the library's store on its first call, before any
  // handler is loaded, and gets a single-context one while the concurrency variable is unset.
  await InvokeStore.getInstanceAsync();
  enableInvocationScopes();
});
afterEach(() => {
  vi.restoreAllMocks();
});

const event = () =>
  apiGatewayEvent({ method: "POST", path: "/assignments", routeKey: "POST /assignments", body: "{}" });

/** An assignment handler: its dimensions first, then a wait (a DynamoDB call), then its metric. */
function assigning(experiment: string, waitFor: Promise<void>): HttpHandler {
  return httpHandler(async () => {
    metrics.addDimension(METRIC_DIMENSIONS.experiment, experiment);
    metrics.addDimension(METRIC_DIMENSIONS.variant, `${experiment}_variant`);
    await waitFor;
    metrics.addMetric(METRICS.assignmentsCreated, MetricUnit.Count, 1);
    return jsonResponse(200, {});
  });
}

/**
 * Two overlapping requests, as the local gateway runs them: A adds its dimensions and waits, B adds
 * its own and waits, then A finishes, then B. What each flush published, and the dimension warnings.
 */
async function overlappingRequests(wrap: (handler: HttpHandler) => HttpHandler) {
  const warn = vi.spyOn(logger, "warn");
  const output = captureMetricOutput(metrics);
  try {
    let releaseA!: () => void;
    let releaseB!: () => void;
    const a = wrap(assigning("a", new Promise((resolve) => (releaseA = resolve))));
    const b = wrap(assigning("b", new Promise((resolve) => (releaseB = resolve))));
    const first = a(event(), lambdaContext("ab-router"));
    const second = b(event(), lambdaContext("ab-router"));
    releaseA();
    await first;
    releaseB();
    await second;
    const warnings = warn.mock.calls
      .map(([message]) => String(message))
      .filter((text) => /already been added/.test(text));
    return { documents: output.documents, warnings };
  } finally {
    output.restore();
    metrics.clearDimensions();
  }
}

const experimentOf = (document: EmfDocument) => [
  document[METRIC_DIMENSIONS.experiment],
  document[METRIC_DIMENSIONS.variant],
];

describe("each local invocation in its own Powertools scope", () => {
  it("keeps overlapping requests' dimensions apart: each metric under its own request's dimension set", async () => {
    const { documents, warnings } = await overlappingRequests(invocationScoped);
    expect(warnings).toEqual([]);
    expect(documents.map(experimentOf)).toEqual([
      ["a", "a_variant"],
      ["b", "b_variant"],
    ]);
  });

  it("without the scope the same requests mix, so the check above would see it", async () => {
    const { documents, warnings } = await overlappingRequests((handler) => handler);
    expect(warnings.length).toBeGreaterThan(0);
    expect(documents.map(experimentOf)).not.toEqual([
      ["a", "a_variant"],
      ["b", "b_variant"],
    ]);
  });
});
