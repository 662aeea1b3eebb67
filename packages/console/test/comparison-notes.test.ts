import { type AnalyzeInput, analyze, type ComparisonResult } from "@personalize-ab/statistics";
import { describe, expect, it } from "vitest";
import { comparisonNotes, formatDifference } from "../src/app/comparison-notes";
import { formatInterval } from "../src/app/number-format";

/** The comparison `analyze` gives for one metric of two variants: the console renders what the API sends. */
function comparisonOf(metric: AnalyzeInput["metrics"][number]): ComparisonResult {
  return analyze({ control: "control", metrics: [metric] }).metrics[0]!.comparisons[0]!;
}

const exposures = (share: 0 | 1) => ({
  n: 40,
  sum: share * 120,
  sum_squares: share * 400,
  den_sum: 120,
  den_sum_squares: 400,
  cross_sum: share * 400,
});

describe("a comparison's notes and interval in the metric table", () => {
  it("a guardrail certainly at 1 against a control at 0: no relative interval, the difference and that it is certain", () => {
    const comparison = comparisonOf({
      name: "fallback_share",
      kind: "ratio",
      role: "guardrail",
      lower_is_better: true,
      variants: { control: exposures(0), sims: exposures(1) },
    });
    expect(comparison.ci).toBeNull();
    expect(formatInterval(comparison.ci)).toBe("[—, —]");
    expect(comparisonNotes("ratio", comparison)).toEqual([
      "no relative lift: the control's value is 0; the difference is +1, interval [+1, +1]",
      "no variance in either variant: the difference is certain (p = 0, chance to win 0%)",
    ]);
  });

  it("an ordinary comparison: its relative interval and no note", () => {
    const comparison = comparisonOf({
      name: "purchase_rate",
      kind: "binomial",
      variants: {
        control: { n: 1000, sum: 100, sum_squares: 100 },
        b: { n: 1000, sum: 130, sum_squares: 130 },
      },
    });
    expect(formatInterval(comparison.ci)).toMatch(/^\[[+-]?\d+\.\d%, \+\d+\.\d%\]$/);
    expect(comparisonNotes("binomial", comparison)).toEqual([]);
  });

  it("says when the variants are constant and equal, and when there are too few users", () => {
    const constant = { n: 20, sum: 40, sum_squares: 80 };
    expect(
      comparisonNotes(
        "mean",
        comparisonOf({ name: "m", kind: "mean", variants: { control: constant, b: constant } }),
      ),
    ).toEqual(["no variance in either variant and the same value: no difference"]);
    const one = { n: 1, sum: 1, sum_squares: 1 };
    expect(
      comparisonNotes(
        "mean",
        comparisonOf({ name: "m", kind: "mean", variants: { control: one, b: constant } }),
      ),
    ).toEqual(["too few users to compare yet"]);
  });

  it("writes proportions' differences in percentage points, others to 4 digits", () => {
    expect(formatDifference("binomial", 0.031)).toBe("+3.10 pp");
    expect(formatDifference("mean", -2.345678)).toBe("-2.346");
    expect(formatDifference("ratio", 0)).toBe("0");
  });
});
