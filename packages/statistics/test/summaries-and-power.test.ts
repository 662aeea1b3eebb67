import { describe, expect, it } from "vitest";
import {
  absoluteEffect,
  normalQuantile,
  relativeEffect,
  relativeMde,
  sequentialMultiplier,
  summarizeMean,
  summarizeRatio,
  twoSidedPower,
} from "../src";

const close = (actual: number | null | undefined, expected: number, tolerance = 1e-9): void => {
  expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThan(tolerance);
};

/** Sums of per-user (numerator, denominator) pairs, as the counters keep them. */
function ratioStats(users: readonly (readonly [number, number])[]) {
  return {
    n: users.length,
    sum: users.reduce((s, [m]) => s + m, 0),
    sum_squares: users.reduce((s, [m]) => s + m * m, 0),
    den_sum: users.reduce((s, [, d]) => s + d, 0),
    den_sum_squares: users.reduce((s, [, d]) => s + d * d, 0),
    cross_sum: users.reduce((s, [m, d]) => s + m * d, 0),
  };
}

describe("ratio summary (delta method)", () => {
  const users: [number, number][] = [
    [1, 4],
    [0, 2],
    [3, 5],
    [2, 2],
    [0, 1],
    [1, 6],
  ];

  it("is ΣM/ΣD with σ²_R = s²_M/m_D² + s²_D·m_M²/m_D⁴ − 2·s_MD·m_M/m_D³", () => {
    const n = users.length;
    const mM = users.reduce((s, [m]) => s + m, 0) / n;
    const mD = users.reduce((s, [, d]) => s + d, 0) / n;
    const sM = users.reduce((s, [m]) => s + (m - mM) ** 2, 0) / (n - 1);
    const sD = users.reduce((s, [, d]) => s + (d - mD) ** 2, 0) / (n - 1);
    const sMD = users.reduce((s, [m, d]) => s + (m - mM) * (d - mD), 0) / (n - 1);
    const summary = summarizeRatio(ratioStats(users));
    close(summary.mean, 7 / 20);
    close(summary.variance, sM / mD ** 2 + (sD * mM ** 2) / mD ** 4 - (2 * sMD * mM) / mD ** 3);
  });

  it("with a denominator of 1 for everyone is the mean metric", () => {
    const ones = users.map(([m]) => [m, 1] as const);
    const ratio = summarizeRatio(ratioStats(ones));
    const mean = summarizeMean(ratioStats(ones));
    close(ratio.mean, mean.mean);
    close(ratio.variance, mean.variance);
  });
});

describe("effects", () => {
  it("a negative baseline keeps the sign of an improvement", () => {
    const control = { n: 100, mean: -2, variance: 1 };
    const treatment = { n: 100, mean: -1, variance: 1 };
    close(relativeEffect(control, treatment)!.estimate, 0.5);
    close(absoluteEffect(control, treatment).estimate, 1);
  });
});

describe("power and MDE", () => {
  const control = { n: 4000, mean: 0.1, variance: 0.09 };

  it("at the MDE the effect is (z_{1−α/2} + z_{0.8}) standard errors away", () => {
    const mde = relativeMde(control, 4000, { alpha: 0.05 })!;
    const treatmentMean = control.mean * (1 + mde);
    const se = Math.sqrt(
      control.variance / (control.mean ** 2 * 4000) +
        (control.variance * treatmentMean ** 2) / (control.mean ** 4 * 4000),
    );
    close(mde / se, normalQuantile(0.975) + normalQuantile(0.8));
    // The two-sided power there is 0.8 up to the far tail.
    close(twoSidedPower(mde / se, 0.05), 0.8, 1e-3);
  });

  it("matches GrowthBook's equal-arms quadratic", () => {
    // a = 1 − z²σ²/m², b = −2m, c = m² − z²σ², σ² = v/n; MDE = (x − m)/m.
    const z = normalQuantile(0.975) - normalQuantile(0.2);
    const sigma2 = control.variance / control.n;
    const a = 1 - (z * z * sigma2) / control.mean ** 2;
    const b = -2 * control.mean;
    const c = control.mean ** 2 - z * z * sigma2;
    const x = (-b + Math.sqrt(b * b - 4 * a * c)) / (2 * a);
    close(relativeMde(control, control.n, { alpha: 0.05 }), (x - control.mean) / control.mean);
  });

  it("is wider under sequential analysis, by the confidence sequence's multiplier", () => {
    const fixed = relativeMde(control, 4000, { alpha: 0.05 })!;
    const sequential = relativeMde(control, 4000, { alpha: 0.05, sequentialTuning: 5000 })!;
    expect(sequentialMultiplier(8000, 0.05, 5000)).toBeGreaterThan(normalQuantile(0.975));
    expect(sequential).toBeGreaterThan(fixed);
  });

  it("is null when no effect reaches the power with so few users", () => {
    expect(relativeMde({ n: 3, mean: 0.1, variance: 0.09 }, 3, { alpha: 0.05 })).toBeNull();
  });
});
