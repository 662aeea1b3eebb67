import { describe, expect, it } from "vitest";
import {
  analyze,
  DEFAULT_SEQUENTIAL_TUNING,
  holmAdjust,
  InvalidAnalyzeInputError,
  normalCdf,
  sequentialTest,
  validateAnalyzeInput,
} from "../src";

const close = (actual: number | null | undefined, expected: number): void => {
  expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThan(1e-6);
};
const binomial = (n: number, sum: number) => ({ n, sum, sum_squares: sum });

describe("analyze reproduces the reference numbers", () => {
  it("V1 with method fixed: relative lift, CI and p of a mean metric", () => {
    const result = analyze({
      control: "a",
      method: "fixed",
      metrics: [
        {
          name: "revenue_per_user",
          kind: "mean",
          variants: {
            a: { n: 3407, sum: 1396.87, sum_squares: 52377.9767 },
            b: { n: 3461, sum: 2422.7, sum_squares: 134698.29 },
          },
        },
      ],
    });
    const comparison = result.metrics[0]!.comparisons[0]!;
    close(comparison.relative_lift, 0.7073170731707317);
    close(comparison.ci?.[0], -0.03526008906611777);
    close(comparison.ci?.[1], 1.449894235407581);
    close(comparison.p_value, 0.06191182745618362);
    close(comparison.absolute_difference, 2422.7 / 3461 - 1396.87 / 3407);
    expect(result.metrics[0]!.method).toBe("fixed");
    expect(result.metrics[0]!.role).toBe("primary");
  });

  it("V7 by default (sequential, N* = 5000)", () => {
    const result = analyze({
      control: "a",
      metrics: [
        {
          name: "purchase_rate",
          kind: "binomial",
          variants: { a: binomial(3000, 1396), b: binomial(3461, 2422) },
        },
      ],
    });
    const comparison = result.metrics[0]!.comparisons[0]!;
    expect(result.metrics[0]!.method).toBe("sequential");
    close(comparison.relative_lift, 0.5038633516821496);
    close(comparison.ci?.[0], 0.4009784966859415);
    close(comparison.ci?.[1], 0.6067482066783576);
  });

  it("V11: chance to win, credible interval and risk", () => {
    const result = analyze({
      control: "a",
      metrics: [
        { name: "purchase_rate", kind: "binomial", variants: { a: binomial(100, 49), b: binomial(100, 51) } },
      ],
    });
    const comparison = result.metrics[0]!.comparisons[0]!;
    close(comparison.chance_to_win, 0.6091813095808981);
    close(comparison.credible_interval?.[0], -0.24779335974122607);
    close(comparison.credible_interval?.[1], 0.3294260128024506);
    close(comparison.risk?.[0], 0.0813958491551631);
    close(comparison.risk?.[1], 0.04057952262455081);
  });

  it("V13: the proper prior", () => {
    const result = analyze({
      control: "a",
      prior: { mean: 0.1, variance: 0.1 },
      metrics: [
        {
          name: "revenue_per_user",
          kind: "mean",
          variants: {
            a: { n: 10, sum: 100, sum_squares: 1002.25 },
            b: { n: 10, sum: 105, sum_squares: 1111.5 },
          },
        },
      ],
    });
    close(result.metrics[0]!.comparisons[0]!.chance_to_win, 0.9231499085772956);
  });

  it("V20: SRM with a weight-0 arm dropped", () => {
    const result = analyze({
      control: "a",
      weights: { a: 0.5, b: 0.5, c: 0 },
      users: { a: 1000, b: 1200, c: 900 },
      metrics: [
        {
          name: "purchase_rate",
          kind: "binomial",
          variants: { a: binomial(1000, 100), b: binomial(1200, 120), c: binomial(900, 90) },
        },
      ],
    });
    close(result.srm.p_value, 2.007865612426481e-5);
    expect(result.srm.mismatch).toBe(true);
    expect(result.srm.expected).toEqual({ a: 1100, b: 1100, c: 0 });
    expect(result.decision.verdict).toBe("invalid");
  });
});

describe("analyze corrections and roles", () => {
  const threeVariants = {
    control: "a",
    method: "fixed" as const,
    metrics: [
      {
        name: "purchase_rate",
        kind: "binomial" as const,
        role: "primary" as const,
        variants: {
          a: binomial(2000, 200),
          b: binomial(2000, 235),
          c: binomial(2000, 275),
          d: binomial(2000, 190),
        },
      },
      {
        name: "add_to_cart_rate",
        kind: "binomial" as const,
        role: "secondary" as const,
        variants: {
          a: binomial(2000, 400),
          b: binomial(2000, 440),
          c: binomial(2000, 410),
          d: binomial(2000, 401),
        },
      },
      {
        name: "fallback_share",
        kind: "binomial" as const,
        role: "guardrail" as const,
        lower_is_better: true,
        variants: {
          a: binomial(2000, 100),
          b: binomial(2000, 104),
          c: binomial(2000, 98),
          d: binomial(2000, 99),
        },
      },
    ],
  };

  it("Holm across the primary metric × variants; guardrails uncorrected", () => {
    const result = analyze(threeVariants);
    const [primary, secondary, guardrail] = result.metrics;
    const primaryP = primary!.comparisons.map((c) => c.p_value);
    expect(primary!.comparisons.map((c) => c.p_value_adjusted)).toEqual(holmAdjust(primaryP));
    expect(secondary!.comparisons.map((c) => c.p_value_adjusted)).toEqual(
      holmAdjust(secondary!.comparisons.map((c) => c.p_value)),
    );
    expect(guardrail!.comparisons.map((c) => c.p_value_adjusted)).toEqual(
      guardrail!.comparisons.map((c) => c.p_value),
    );
    expect(primary!.comparisons.map((c) => c.variant)).toEqual(["b", "c", "d"]);
    expect(primary!.variants.map((v) => v.id)).toEqual(["a", "b", "c", "d"]);
    close(primary!.variants[1]!.value, 235 / 2000);
  });

  it("correction none leaves p unchanged and bh gives BH", () => {
    const none = analyze({ ...threeVariants, correction: "none" });
    for (const c of none.metrics[0]!.comparisons) expect(c.p_value_adjusted).toBe(c.p_value);
    const bh = analyze({ ...threeVariants, correction: "bh" });
    const holm = analyze(threeVariants);
    // BH is never stricter than Holm.
    bh.metrics[0]!.comparisons.forEach((c, i) => {
      expect(c.p_value_adjusted).toBeLessThanOrEqual(holm.metrics[0]!.comparisons[i]!.p_value_adjusted);
    });
  });

  it("ships the variant that wins the primary metric with no guardrail worse", () => {
    const result = analyze(threeVariants);
    expect(result.decision.verdict).toBe("ship");
    expect(result.decision.variant).toBe("c");
    expect(result.metrics[0]!.comparisons.find((c) => c.variant === "c")!.outcome).toBe("better");
  });
});

describe("analyze verdicts", () => {
  const withGuardrail = (guardrailTreatment: number) => ({
    control: "control",
    method: "fixed" as const,
    metrics: [
      {
        name: "purchase_rate",
        kind: "binomial" as const,
        variants: { control: binomial(5000, 500), treatment: binomial(5000, 600) },
      },
      {
        name: "fallback_share",
        kind: "ratio" as const,
        role: "guardrail" as const,
        lower_is_better: true,
        variants: {
          control: {
            n: 5000,
            sum: 500,
            sum_squares: 500,
            den_sum: 10000,
            den_sum_squares: 25000,
            cross_sum: 1000,
          },
          treatment: {
            n: 5000,
            sum: guardrailTreatment,
            sum_squares: guardrailTreatment,
            den_sum: 10000,
            den_sum_squares: 25000,
            cross_sum: guardrailTreatment * 2,
          },
        },
      },
    ],
  });

  it("ship when the primary wins and the guardrail holds", () => {
    const result = analyze(withGuardrail(505));
    expect(result.decision).toMatchObject({ verdict: "ship", variant: "treatment" });
    expect(result.decision.reasons.join(" ")).toContain("purchase_rate");
  });

  it("stop when a lower-is-better guardrail rises significantly, even with a primary win", () => {
    const result = analyze(withGuardrail(800));
    expect(result.metrics[1]!.comparisons[0]!.outcome).toBe("worse");
    expect(result.decision).toMatchObject({ verdict: "stop", variant: "treatment" });
    expect(result.decision.reasons.join(" ")).toContain("fallback_share");
  });

  it("stop when every variant is significantly worse on the primary", () => {
    const result = analyze({
      control: "a",
      method: "fixed",
      metrics: [
        {
          name: "purchase_rate",
          kind: "binomial",
          variants: { a: binomial(5000, 600), b: binomial(5000, 480) },
        },
      ],
    });
    expect(result.decision).toMatchObject({ verdict: "stop", variant: null });
  });

  it("a lower-is-better primary that falls is a win", () => {
    const result = analyze({
      control: "a",
      method: "fixed",
      metrics: [
        {
          name: "bounce_rate",
          kind: "binomial",
          lower_is_better: true,
          variants: { a: binomial(5000, 600), b: binomial(5000, 480) },
        },
      ],
    });
    expect(result.decision).toMatchObject({ verdict: "ship", variant: "b" });
    expect(result.metrics[0]!.comparisons[0]!.chance_to_win).toBeGreaterThan(0.99);
  });

  it("keep running while nothing is significant, saying so", () => {
    const result = analyze({
      control: "a",
      metrics: [
        {
          name: "purchase_rate",
          kind: "binomial",
          variants: { a: binomial(1000, 100), b: binomial(1000, 104) },
        },
      ],
    });
    expect(result.decision.verdict).toBe("keep_running");
    expect(result.decision.reasons[0]).toContain("not significant");
    expect(result.srm).toMatchObject({ checked: true, mismatch: false });
  });

  it("the same data that ships under fixed keeps running under sequential early on", () => {
    const input = {
      control: "a",
      metrics: [
        {
          name: "purchase_rate",
          kind: "binomial" as const,
          variants: { a: binomial(800, 80), b: binomial(800, 110) },
        },
      ],
    };
    expect(analyze({ ...input, method: "fixed" }).decision.verdict).toBe("ship");
    expect(analyze(input).decision.verdict).toBe("keep_running");
  });

  it("does not run the SRM check below 8 users per variant", () => {
    const result = analyze({
      control: "a",
      users: { a: 12, b: 2 },
      metrics: [
        { name: "purchase_rate", kind: "binomial", variants: { a: binomial(12, 1), b: binomial(2, 0) } },
      ],
    });
    expect(result.srm).toMatchObject({ checked: false, mismatch: false, p_value: null });
    expect(result.decision.verdict).toBe("keep_running");
  });

  it("says the SRM check was not run when no user has enrolled", () => {
    const result = analyze({
      control: "a",
      weights: { a: 0.5, b: 0.5 },
      periods: [{ users: { a: 0, b: 0 }, weights: { a: 0.5, b: 0.5 } }],
      metrics: [
        { name: "purchase_rate", kind: "binomial", variants: { a: binomial(0, 0), b: binomial(0, 0) } },
      ],
    });
    expect(result.srm).toMatchObject({ checked: false, mismatch: false, p_value: null });
  });
});

describe("analyze degenerate cases", () => {
  it("a control with value 0: no relative lift, said why; p and chance to win on the absolute difference", () => {
    const result = analyze({
      control: "a",
      metrics: [
        { name: "purchase_rate", kind: "binomial", variants: { a: binomial(100, 0), b: binomial(100, 3) } },
      ],
    });
    const comparison = result.metrics[0]!.comparisons[0]!;
    expect(comparison).toMatchObject({
      basis: "estimate",
      relative_lift: null,
      relative_lift_reason: "control_is_zero",
      ci: null,
      credible_interval: null,
      risk: null,
      mde: null,
    });
    close(comparison.absolute_difference, 0.03);
    // The control has no variance, the treatment does: SE = √(0.03·0.97/100), an ordinary test.
    const se = Math.sqrt((0.03 * 0.97) / 100);
    const absolute = { estimate: 0.03, variance: se * se, basis: "estimate" as const };
    const sequential = sequentialTest(absolute, 200, 0.05, DEFAULT_SEQUENTIAL_TUNING);
    close(comparison.p_value, sequential.p_value);
    close(comparison.absolute_ci[0], sequential.ci[0]);
    close(comparison.absolute_ci[1], sequential.ci[1]);
    close(comparison.chance_to_win, normalCdf(0.03 / se));
  });

  it("no variance in either arm, different values: the difference is certain", () => {
    const result = analyze({
      control: "a",
      method: "fixed",
      metrics: [
        {
          name: "revenue_per_user",
          kind: "mean",
          variants: { a: { n: 50, sum: 100, sum_squares: 200 }, b: { n: 50, sum: 150, sum_squares: 450 } },
        },
      ],
    });
    expect(result.metrics[0]!.comparisons[0]).toMatchObject({
      basis: "certain",
      p_value: 0,
      ci: [0.5, 0.5],
      absolute_ci: [1, 1],
      chance_to_win: 1,
      significant: true,
    });
    expect(result.decision).toMatchObject({ verdict: "ship", variant: "b" });
  });
});

describe("analyze SRM by allocation period", () => {
  // Weights moved from 50/50 to 20/80 halfway: per period the split is as planned, pooled it is not.
  const periods = [
    { users: { a: 1010, b: 990 }, weights: { a: 0.5, b: 0.5 } },
    { users: { a: 395, b: 1605 }, weights: { a: 0.2, b: 0.8 } },
  ];
  const metrics = [
    {
      name: "purchase_rate",
      kind: "binomial" as const,
      variants: { a: binomial(1405, 140), b: binomial(2595, 260) },
    },
  ];

  it("expected counts are Σ N_p·w_{v,p}, and the split is clean", () => {
    const result = analyze({ control: "a", periods, metrics });
    expect(result.srm.expected).toEqual({ a: 1000 + 400, b: 1000 + 1600 });
    expect(result.users).toEqual({ a: 1405, b: 2595 });
    expect(result.srm.mismatch).toBe(false);
  });

  it("against the pooled average weights the same users would be flagged", () => {
    const result = analyze({
      control: "a",
      users: { a: 1405, b: 2595 },
      weights: { a: 0.5, b: 0.5 },
      metrics,
    });
    expect(result.srm.mismatch).toBe(true);
  });
});

describe("analyze input validation names the field", () => {
  const valid = {
    control: "a",
    metrics: [
      { name: "purchase_rate", kind: "binomial", variants: { a: binomial(10, 1), b: binomial(10, 2) } },
    ],
  };
  const problemsOf = (input: unknown) => {
    const validation = validateAnalyzeInput(input);
    if (validation.ok) throw new Error("expected the input to be refused");
    return validation.problems.map((p) => p.field);
  };

  it("accepts a valid input", () => {
    expect(validateAnalyzeInput(valid).ok).toBe(true);
  });

  it.each([
    [{ ...valid, alpha: 0 }, "alpha"],
    [{ ...valid, alpha: "0.05" }, "alpha"],
    [{ ...valid, control: "z" }, "metrics.0.variants.z"],
    [{ ...valid, method: "bayes" }, "method"],
    [{ ...valid, correction: "bonferroni" }, "correction"],
    [{ ...valid, tuning: -1 }, "tuning"],
    [{ ...valid, prior: { mean: 0, variance: 0 } }, "prior.variance"],
    [{ ...valid, weights: { a: 0.5, b: 0.5, q: 0 } }, "weights.q"],
    [{ ...valid, weights: { a: 1 } }, "weights.b"],
    [{ ...valid, users: { a: 1.5, b: 2 } }, "users.a"],
    [{ ...valid, metrics: [] }, "metrics"],
    [{ control: "a" }, "metrics"],
    [{ ...valid, metrics: [{ ...valid.metrics[0], name: "Bad Name" }] }, "metrics.0.name"],
    [{ ...valid, metrics: [{ ...valid.metrics[0], kind: "count" }] }, "metrics.0.kind"],
    [
      { ...valid, metrics: [{ ...valid.metrics[0], variants: { a: binomial(10, 1), b: binomial(10, 11) } }] },
      "metrics.0.variants.b.sum",
    ],
    [
      {
        ...valid,
        metrics: [{ ...valid.metrics[0], variants: { a: binomial(10, 1), b: { n: 10, sum: 1 } } }],
      },
      "metrics.0.variants.b.sum_squares",
    ],
    [{ ...valid, metrics: [{ ...valid.metrics[0], kind: "ratio" }] }, "metrics.0.variants.a.den_sum"],
    [{ ...valid, metrics: [valid.metrics[0], valid.metrics[0]] }, "metrics.1.name"],
    [{ ...valid, periods: [{ users: { a: 1 }, weights: { a: 0 } }] }, "periods.0.weights"],
  ])("refuses %j naming %s", (input, field) => {
    expect(problemsOf(input)).toContain(field);
  });

  it("analyze throws the same problems", () => {
    expect(() => analyze({ ...valid, alpha: 2 })).toThrowError(InvalidAnalyzeInputError);
    try {
      analyze({ ...valid, alpha: 2 });
    } catch (error) {
      expect((error as InvalidAnalyzeInputError).problems[0]!.field).toBe("alpha");
    }
  });
});

describe("the README's example input", () => {
  it("validates and ships variant_b on purchase_rate", async () => {
    const { readFile } = await import("node:fs/promises");
    const json = JSON.parse(
      await readFile(new URL("../examples/analyze-input.json", import.meta.url), "utf8"),
    );
    const result = analyze(json);
    expect(result.srm).toMatchObject({ checked: true, mismatch: false });
    expect(result.metrics.map((metric) => metric.role)).toEqual(["primary", "secondary", "guardrail"]);
    expect(result.decision).toMatchObject({ verdict: "ship", variant: "variant_b" });
  });
});
