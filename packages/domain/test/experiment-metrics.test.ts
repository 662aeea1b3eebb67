import { describe, expect, it } from "vitest";
import { DEFAULT_EXPERIMENT, experimentSchema } from "../src/experiment";
import { DEFAULT_METRICS, metricDefinitionSchema, metricsOf } from "../src/experiment-metrics";

const purchases = { event_types: ["purchase"] };
const experimentWith = (metrics: unknown) => ({ ...DEFAULT_EXPERIMENT, metrics });
const problems = (input: unknown) => {
  const result = experimentSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => [issue.path.join("."), issue.message]);
};

describe("experiment metrics", () => {
  it("gives the default experiment the five metrics of its record", () => {
    expect(metricsOf(DEFAULT_EXPERIMENT)).toBe(DEFAULT_METRICS);
    expect(DEFAULT_METRICS.map((m) => [m.name, m.kind, m.role, m.lower_is_better ?? false])).toEqual([
      ["purchase_rate", "binomial", "primary", false],
      ["revenue_per_user", "mean", "secondary", false],
      ["add_to_cart_rate", "binomial", "secondary", false],
      ["recommendation_ctr", "ratio", "secondary", false],
      ["fallback_share", "ratio", "guardrail", true],
    ]);
    expect(DEFAULT_METRICS[3]?.numerator).toEqual({
      event_types: ["click", "view"],
      with_recommendation: true,
    });
    expect(DEFAULT_METRICS[4]?.numerator).toEqual({
      event_types: ["recommendation_served"],
      source: "fallback",
    });
  });

  it("returns the metrics an experiment record declares", () => {
    const metrics = [{ name: "buys", kind: "binomial", role: "primary", numerator: purchases }];
    const parsed = experimentSchema.parse(experimentWith(metrics));
    expect(metricsOf(parsed)).toEqual(metrics);
  });

  it.each([
    [
      "duplicate names",
      [
        { name: "a", kind: "binomial", role: "primary", numerator: purchases },
        { name: "a", kind: "mean", role: "secondary", numerator: purchases },
      ],
      ["metrics.1.name", "duplicate metric name a"],
    ],
    [
      "a ratio without a denominator",
      [{ name: "r", kind: "ratio", role: "primary", numerator: purchases }],
      ["metrics.0.denominator", "is required for a ratio metric"],
    ],
    [
      "no primary metric",
      [{ name: "a", kind: "binomial", role: "guardrail", numerator: purchases }],
      ["metrics", "needs at least one metric with role primary"],
    ],
    [
      "a name that is not snake case",
      [{ name: "Purchase-Rate", kind: "binomial", role: "primary", numerator: purchases }],
      ["metrics.0.name", "must be 1-64 lowercase letters, digits or '_', starting with a letter"],
    ],
    [
      "a source on a selector of non-exposure events",
      [{ name: "a", kind: "binomial", role: "primary", numerator: { ...purchases, source: "fallback" } }],
      [
        "metrics.0.numerator.source",
        "applies only to recommendation_served records; event_types must name only that type",
      ],
    ],
    [
      "an empty event type list",
      [{ name: "a", kind: "mean", role: "primary", numerator: { event_types: [] } }],
      ["metrics.0.numerator.event_types", "needs at least one event type"],
    ],
  ])("rejects %s, naming the field", (_, metrics, problem) => {
    expect(problems(experimentWith(metrics))).toEqual([problem]);
  });

  it("rejects a denominator on a non-ratio metric and event_value on a binomial one", () => {
    const result = metricDefinitionSchema.safeParse({
      name: "a",
      kind: "binomial",
      role: "primary",
      numerator: { event_types: ["purchase"], value: "event_value" },
      denominator: purchases,
    });
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual([
      "denominator",
      "numerator.value",
    ]);
  });
});
