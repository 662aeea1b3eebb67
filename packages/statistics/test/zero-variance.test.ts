import { describe, expect, it } from "vitest";
import { analyze, MIN_USERS_FOR_CERTAINTY, summarizeMean, summarizeRatio } from "../src";
import { SeededRandom } from "../src/seeded-random";

// Reference values from scipy.stats (t.sf, t.ppf, norm.cdf) on the same Welch inputs.
const close = (actual: number | null | undefined, expected: number): void => {
  expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThan(1e-9);
};
const binomial = (n: number, sum: number) => ({ n, sum, sum_squares: sum });
/** n users who all have the value `value`. */
const constant = (n: number, value: number) => ({ n, sum: n * value, sum_squares: n * value * value });
/** A ratio metric's users with `exposures[i]` exposures each, `share` of which are from the fallback. */
const exposures = (counts: readonly number[], share: 0 | 1) => ({
  n: counts.length,
  sum: share * counts.reduce((a, k) => a + k, 0),
  sum_squares: share * counts.reduce((a, k) => a + k * k, 0),
  den_sum: counts.reduce((a, k) => a + k, 0),
  den_sum_squares: counts.reduce((a, k) => a + k * k, 0),
  cross_sum: share * counts.reduce((a, k) => a + k * k, 0),
});

const only = (input: Parameters<typeof analyze>[0]) => analyze(input).metrics[0]!.comparisons[0]!;

describe("no variance on either side, the same value", () => {
  for (const method of ["fixed", "sequential"] as const) {
    it(`says there is no difference (${method}): p 1, intervals [0, 0], chance to win 0.5`, () => {
      const comparison = only({
        control: "a",
        method,
        metrics: [{ name: "m", kind: "mean", variants: { a: constant(50, 2), b: constant(60, 2) } }],
      });
      expect(comparison).toMatchObject({
        basis: "no_difference",
        absolute_difference: 0,
        absolute_ci: [0, 0],
        relative_lift: 0,
        relative_lift_reason: null,
        ci: [0, 0],
        p_value: 1,
        chance_to_win: 0.5,
        credible_interval: [0, 0],
        risk: [0, 0],
        significant: false,
        outcome: "inconclusive",
      });
    });
  }

  it("a mean that differs by rounding only is the same value, not a certain difference", () => {
    // 0.1 summed 7 and 9 times: the means differ in the last bits.
    const sumOf = (n: number) => Array.from({ length: n }, () => 0.1).reduce((a, b) => a + b, 0);
    const a = { n: 70, sum: sumOf(70), sum_squares: sumOf(70) * 0.1 };
    const b = { n: 90, sum: sumOf(90), sum_squares: sumOf(90) * 0.1 };
    expect(a.sum / a.n).not.toBe(b.sum / b.n);
    expect(summarizeMean(a).variance).toBe(0);
    const comparison = only({ control: "a", metrics: [{ name: "m", kind: "mean", variants: { a, b } }] });
    expect(comparison).toMatchObject({ basis: "no_difference", p_value: 1, chance_to_win: 0.5 });
  });

  it("both at 0 (every user 0): no relative lift, said why; no difference", () => {
    const comparison = only({
      control: "a",
      metrics: [{ name: "m", kind: "binomial", variants: { a: binomial(100, 0), b: binomial(100, 0) } }],
    });
    expect(comparison).toMatchObject({
      basis: "no_difference",
      relative_lift: null,
      relative_lift_reason: "control_is_zero",
      // No relative interval exists: null, not [0, 0], which would read as a certain zero lift.
      ci: null,
      credible_interval: null,
      risk: null,
      mde: null,
      absolute_ci: [0, 0],
      p_value: 1,
      chance_to_win: 0.5,
    });
  });
});

describe("no variance on either side, different values: the difference is certain", () => {
  for (const method of ["fixed", "sequential"] as const) {
    it(`p 0, intervals [d, d], chance to win 1 (${method})`, () => {
      const comparison = only({
        control: "a",
        method,
        metrics: [{ name: "m", kind: "mean", variants: { a: constant(50, 2), b: constant(50, 3) } }],
      });
      expect(comparison).toMatchObject({
        basis: "certain",
        absolute_difference: 1,
        absolute_ci: [1, 1],
        relative_lift: 0.5,
        ci: [0.5, 0.5],
        p_value: 0,
        p_value_adjusted: 0,
        chance_to_win: 1,
        credible_interval: [0.5, 0.5],
        risk: [0.5, 0],
        significant: true,
        outcome: "better",
      });
    });
  }

  it("lower is better: chance to win 0, the variant's risk is the whole difference", () => {
    const comparison = only({
      control: "a",
      metrics: [
        {
          name: "m",
          kind: "mean",
          lower_is_better: true,
          variants: { a: constant(50, 2), b: constant(50, 3) },
        },
      ],
    });
    expect(comparison).toMatchObject({ p_value: 0, chance_to_win: 0, risk: [0, 0.5], outcome: "worse" });
  });

  it("a proper prior does not move a certain difference", () => {
    const comparison = only({
      control: "a",
      prior: { mean: 0, variance: 0.01 },
      metrics: [{ name: "m", kind: "mean", variants: { a: constant(50, 2), b: constant(50, 3) } }],
    });
    expect(comparison).toMatchObject({ chance_to_win: 1, credible_interval: [0.5, 0.5] });
  });

  it("fewer users than the minimum on a side: too few to tell, not certain", () => {
    const small = MIN_USERS_FOR_CERTAINTY - 1;
    const comparison = only({
      control: "a",
      metrics: [{ name: "m", kind: "binomial", variants: { a: binomial(small, 0), b: binomial(100, 100) } }],
    });
    expect(comparison).toMatchObject({ basis: "too_few_users", p_value: 1, chance_to_win: 0.5 });
    const enough = only({
      control: "a",
      metrics: [
        {
          name: "m",
          kind: "binomial",
          variants: { a: binomial(MIN_USERS_FOR_CERTAINTY, 0), b: binomial(100, 100) },
        },
      ],
    });
    expect(enough).toMatchObject({ basis: "certain", p_value: 0 });
  });
});

describe("a guardrail at 0 in the control and 1.0 in the treatment, no variance (fallback_share of SIMS)", () => {
  const random = new SeededRandom(1303);
  const counts = (n: number) => Array.from({ length: n }, () => random.int(1, 7));
  const input = {
    control: "control",
    metrics: [
      {
        name: "purchase_rate",
        kind: "binomial" as const,
        role: "primary" as const,
        variants: { control: binomial(400, 40), sims: binomial(400, 42) },
      },
      {
        name: "fallback_share",
        kind: "ratio" as const,
        role: "guardrail" as const,
        lower_is_better: true,
        variants: { control: exposures(counts(400), 0), sims: exposures(counts(400), 1) },
      },
    ],
  };

  it("has no variance on either side, whatever the exposures per user", () => {
    for (const stats of Object.values(input.metrics[1]!.variants)) {
      expect(summarizeRatio(stats).variance).toBe(0);
    }
  });

  it("reports the certain difference, with no relative lift and the reason why", () => {
    const result = analyze(input);
    const comparison = result.metrics[1]!.comparisons[0]!;
    expect(comparison).toMatchObject({
      variant: "sims",
      basis: "certain",
      absolute_difference: 1,
      absolute_ci: [1, 1],
      relative_lift: null,
      relative_lift_reason: "control_is_zero",
      ci: null,
      credible_interval: null,
      risk: null,
      p_value: 0,
      chance_to_win: 0,
      significant: true,
      outcome: "worse",
      mde: null,
    });
  });

  it("stops the experiment naming the variant, as for a significant guardrail regression", () => {
    const { decision } = analyze(input);
    expect(decision).toMatchObject({ verdict: "stop", variant: "sims" });
    expect(decision.reasons).toContain(
      "sims is significantly worse on guardrail fallback_share (difference +1 from a control of 0, certain: no variance in either variant)",
    );
  });
});

describe("one side without variance, the other with: ordinary Welch", () => {
  it("a constant control, a spread treatment: t on the treatment's variance, ν = n_T − 1", () => {
    const comparison = only({
      control: "a",
      method: "fixed",
      metrics: [
        {
          name: "m",
          kind: "mean",
          // Treatment mean 2.2, s² = 1: Σx² = (n − 1)s² + (Σx)²/n = 99 + 484.
          variants: { a: constant(100, 2), b: { n: 100, sum: 220, sum_squares: 583 } },
        },
      ],
    });
    expect(comparison.basis).toBe("estimate");
    close(comparison.relative_lift, 0.1);
    close(comparison.p_value, 0.04823969337263296);
    close(comparison.ci?.[0], 0.0007891524206791317);
    close(comparison.ci?.[1], 0.1992108475793209);
  });

  it("a control at 0: the test is on the absolute difference, the relative lift is null with its reason", () => {
    const comparison = only({
      control: "a",
      method: "fixed",
      metrics: [{ name: "m", kind: "binomial", variants: { a: binomial(1000, 0), b: binomial(1000, 5) } }],
    });
    expect(comparison).toMatchObject({
      basis: "estimate",
      relative_lift: null,
      relative_lift_reason: "control_is_zero",
      ci: null,
      credible_interval: null,
      risk: null,
      mde: null,
    });
    close(comparison.p_value, 0.02520098449761574);
    close(comparison.absolute_ci[0], 0.0006230546667607643);
    close(comparison.absolute_ci[1], 0.009376945333239236);
    close(comparison.chance_to_win, 0.9875089433783157);
  });

  it("a treatment at 0 under a spread control: not a certain −100 %, the control's variance counts", () => {
    const comparison = only({
      control: "a",
      method: "fixed",
      metrics: [{ name: "m", kind: "binomial", variants: { a: binomial(1000, 50), b: binomial(1000, 0) } }],
    });
    expect(comparison.basis).toBe("estimate");
    close(comparison.relative_lift, -1);
    close(comparison.p_value, 8.064236446698063e-13);
    close(comparison.ci?.[0], -1.2704901036851144);
    close(comparison.ci?.[1], -0.7295098963148857);
  });
});
