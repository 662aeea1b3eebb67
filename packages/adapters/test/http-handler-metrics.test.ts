import { METRIC_DIMENSIONS, METRICS } from "@personalize-ab/domain";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiGatewayEvent, httpHandler, jsonResponse, lambdaContext } from "../src/http";
import { logger, MetricUnit, metrics } from "../src/powertools";
import { captureMetricOutput } from "../src/testing";

const event = () =>
  apiGatewayEvent({ method: "POST", path: "/assignments", routeKey: "POST /assignments", body: "{}" });

/** Powertools Metrics' warnings that a dimension was added twice, as our logger received them. */
function dimensionWarnings(warn: { mock: { calls: unknown[][] } }): string[] {
  return warn.mock.calls
    .map(([message]) => String(message))
    .filter((text) => /already been added/.test(text));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the HTTP frame's metrics", () => {
  it("a request that adds dimensions and no metric leaves none to the next one", async () => {
    const warn = vi.spyOn(logger, "warn");
    const output = captureMetricOutput(metrics);
    try {
      // A paused test's assignment: dimensions, but no assignment metric to count.
      const dimensionsOnly = httpHandler(async () => {
        metrics.addDimension(METRIC_DIMENSIONS.experiment, "paused_test");
        metrics.addDimension(METRIC_DIMENSIONS.variant, "control");
        return jsonResponse(200, {});
      });
      const counted = httpHandler(async () => {
        metrics.addDimension(METRIC_DIMENSIONS.experiment, "checkout");
        metrics.addDimension(METRIC_DIMENSIONS.variant, "treatment");
        metrics.addMetric(METRICS.assignmentsCreated, MetricUnit.Count, 1);
        return jsonResponse(200, {});
      });
      await dimensionsOnly(event(), lambdaContext("ab-router"));
      await counted(event(), lambdaContext("ab-router"));
      expect(dimensionWarnings(warn)).toEqual([]);
      expect(output.documents).toHaveLength(1);
      expect(output.documents[0]).toMatchObject({
        [METRIC_DIMENSIONS.experiment]: "checkout",
        [METRIC_DIMENSIONS.variant]: "treatment",
      });
    } finally {
      output.restore();
    }
  });

  it("the warning reaches our logger, so the check above would see it", () => {
    const warn = vi.spyOn(logger, "warn");
    try {
      metrics.addDimension(METRIC_DIMENSIONS.experiment, "a");
      metrics.addDimension(METRIC_DIMENSIONS.experiment, "b");
      expect(dimensionWarnings(warn)).toEqual([
        `Dimension "${METRIC_DIMENSIONS.experiment}" has already been added. The previous value will be overwritten.`,
      ]);
    } finally {
      metrics.clearDimensions();
    }
  });
});
