import { describe, expect, it } from "vitest";
import {
  absoluteEffect,
  bayesianTest,
  benjaminiHochbergAdjust,
  holmAdjust,
  relativeEffect,
  sampleRatioMismatch,
  sequentialTest,
  summarizeBinomial,
  summarizeMean,
  welchTTest,
} from "../src";

// The reference vectors of the statistics doc (GrowthBook's tests), α = 0.05, to 1e-6.
const ALPHA = 0.05;
const close = (actual: number, expected: number): void => {
  expect(Math.abs(actual - expected)).toBeLessThan(1e-6);
};
const binomial = (n: number, sum: number) => summarizeBinomial({ n, sum, sum_squares: sum });

describe("fixed-horizon Welch t", () => {
  const a = summarizeMean({ n: 3407, sum: 1396.87, sum_squares: 52377.9767 });
  const b = summarizeMean({ n: 3461, sum: 2422.7, sum_squares: 134698.29 });

  it("V1: relative effect of a mean metric", () => {
    const effect = relativeEffect(a, b)!;
    const test = welchTTest(effect, a, b, ALPHA);
    close(effect.estimate, 0.7073170731707317);
    close(test.ci[0], -0.03526008906611777);
    close(test.ci[1], 1.449894235407581);
    close(test.p_value, 0.06191182745618362);
  });

  it("V2: absolute effect of the same metric", () => {
    const test = welchTTest(absoluteEffect(a, b), a, b, ALPHA);
    close(test.ci[0], 0.04537789255929012);
    close(test.ci[1], 0.5346221074407098);
    close(test.p_value, 0.020158402643587037);
  });

  it("V3: relative effect of a binomial metric, 14/28 against 16/30", () => {
    const control = binomial(28, 14);
    const treatment = binomial(30, 16);
    const test = welchTTest(relativeEffect(control, treatment)!, control, treatment, ALPHA);
    close(test.ci[0], -0.4776740282706786);
    close(test.ci[1], 0.6110073616040119);
    close(test.p_value, 0.8070716832021887);
  });
});

describe("sequential confidence sequence", () => {
  it("V7: binomial 1396/3000 against 2422/3461 at N* = 5000", () => {
    const control = binomial(3000, 1396);
    const treatment = binomial(3461, 2422);
    const effect = relativeEffect(control, treatment)!;
    const test = sequentialTest(effect, control.n + treatment.n, ALPHA, 5000);
    close(effect.estimate, 0.5038633516821496);
    close(test.ci[0], 0.4009784966859415);
    close(test.ci[1], 0.6067482066783576);
  });
});

describe("Bayesian", () => {
  it("V11: binomial 49/100 against 51/100, improper prior", () => {
    const control = binomial(100, 49);
    const treatment = binomial(100, 51);
    const result = bayesianTest(relativeEffect(control, treatment)!, ALPHA);
    close(result.chance_to_win, 0.6091813095808981);
    close(result.credible_interval[0], -0.24779335974122607);
    close(result.credible_interval[1], 0.3294260128024506);
    close(result.risk[0], 0.0813958491551631);
    close(result.risk[1], 0.04057952262455081);
  });

  const control = summarizeMean({ n: 10, sum: 100, sum_squares: 1002.25 });
  const treatment = summarizeMean({ n: 10, sum: 105, sum_squares: 1111.5 });

  it("V12: mean metric, improper prior", () => {
    close(bayesianTest(relativeEffect(control, treatment)!, ALPHA).chance_to_win, 0.9192339081566245);
  });

  it("V13: the same with the proper prior N(0.1, 0.1)", () => {
    const result = bayesianTest(relativeEffect(control, treatment)!, ALPHA, {
      prior: { mean: 0.1, variance: 0.1 },
    });
    close(result.mean, 0.05062977888312217);
    close(result.chance_to_win, 0.9231499085772956);
  });

  it("lower is better turns the chance to win around", () => {
    const effect = relativeEffect(control, treatment)!;
    const higher = bayesianTest(effect, ALPHA);
    const lower = bayesianTest(effect, ALPHA, { lowerIsBetter: true });
    close(lower.chance_to_win, 1 - higher.chance_to_win);
    close(lower.risk[0], higher.risk[1]);
    close(lower.risk[1], higher.risk[0]);
  });
});

describe("sample ratio mismatch (V20)", () => {
  it("two arms at 50/50", () => {
    close(sampleRatioMismatch({ a: 1000, b: 1200 }, { a: 0.5, b: 0.5 }).p_value, 2.007865612426481e-5);
  });
  it("two arms at 75/25", () => {
    close(sampleRatioMismatch({ a: 310, b: 98 }, { a: 0.75, b: 0.25 }).p_value, 0.647434185701797);
  });
  it("three arms at 34/33/33", () => {
    const result = sampleRatioMismatch({ a: 500, b: 500, c: 600 }, { a: 0.34, b: 0.33, c: 0.33 });
    close(result.p_value, 0.0005926379315273186);
    expect(result.mismatch).toBe(true);
  });
  it("an arm with weight 0 is dropped", () => {
    const result = sampleRatioMismatch({ a: 1000, b: 1200, c: 900 }, { a: 0.5, b: 0.5, c: 0 });
    close(result.p_value, 2.007865612426481e-5);
    expect(result.expected).toEqual({ a: 1100, b: 1100, c: 0 });
  });
});

describe("multiple comparisons", () => {
  it("V21: Holm", () => {
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005, 0.55, 0.6]);
    const ascending = [...adjusted].sort((x, y) => x - y);
    for (const [i, value] of [0.03, 0.05, 0.12, 0.12, 1, 1].entries()) close(ascending[i]!, value);
    close(adjusted[0]!, 0.05);
    close(adjusted[3]!, 0.03);
  });
  it("V22: Benjamini–Hochberg", () => {
    const adjusted = benjaminiHochbergAdjust([0.898, 0.138, 0.007, 0.964, 0.538, 0.006, 0.138]);
    const descending = [...adjusted].sort((x, y) => y - x);
    for (const [i, value] of [0.964, 0.964, 0.7532, 0.2415, 0.2415, 0.0245, 0.0245].entries()) {
      close(descending[i]!, value);
    }
    close(adjusted[2]!, 0.0245);
    close(adjusted[4]!, 0.7532);
  });
});
