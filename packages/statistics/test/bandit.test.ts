import { describe, expect, it } from "vitest";
import {
  banditWeights,
  normalQuadratureRule,
  periodWeightedEstimate,
  pooledEstimate,
  probabilityBest,
} from "../src";

const close = (actual: number | undefined, expected: number, tolerance = 1e-6): void => {
  expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThan(tolerance);
};
const binomial = (n: number, sum: number) => ({ n, sum, sum_squares: sum });

describe("P(best) by Gauss–Hermite quadrature", () => {
  it("V28: means 0, 0.1, 0.2 with sd 0.1 each", () => {
    const shares = probabilityBest([
      { mean: 0, sd: 0.1 },
      { mean: 0.1, sd: 0.1 },
      { mean: 0.2, sd: 0.1 },
    ]);
    close(shares[0], 0.0471506799);
    close(shares[1], 0.2240983048);
    close(shares[2], 0.7287510153);
  });

  it("two arms: P(best) is the normal CDF of the standardised gap", () => {
    // P(X₁ > X₂) = Φ((m₁ − m₂)/√(s₁² + s₂²)) = Φ(0.3/0.5) = Φ(0.6).
    const shares = probabilityBest([
      { mean: 1.3, sd: 0.3 },
      { mean: 1, sd: 0.4 },
    ]);
    close(shares[0], 0.7257468822499265);
  });

  it("the rule integrates polynomials exactly: E[t²] = 1, E[t⁴] = 3", () => {
    const { nodes, weights } = normalQuadratureRule(20);
    close(
      nodes.reduce((sum, t, j) => sum + weights[j]! * t ** 2, 0),
      1,
      1e-10,
    );
    close(
      nodes.reduce((sum, t, j) => sum + weights[j]! * t ** 4, 0),
      3,
      1e-9,
    );
  });

  it("identical arms share equally", () => {
    for (const share of probabilityBest([0, 1, 2, 3].map(() => ({ mean: 0.5, sd: 0.05 }))))
      close(share, 0.25);
  });
});

describe("period weighting (V29)", () => {
  const periods = [
    { a: binomial(1000, 100), b: binomial(1000, 120) },
    { a: binomial(200, 40), b: binomial(800, 176) },
  ];

  it("weights each period by its share of users, for every arm alike", () => {
    const estimates = periodWeightedEstimate(periods);
    close(estimates.a!.mean, 0.1333333333);
    close(Math.sqrt(estimates.a!.variance), 0.011374339838537506);
    close(estimates.b!.mean, 0.1533333333);
    close(Math.sqrt(estimates.b!.variance), 0.008416856653951721);
    expect(estimates.a!.n).toBe(1200);
  });

  it("naive pooling gives the Simpson's-paradox numbers", () => {
    const pooled = pooledEstimate(periods);
    close(pooled.a!.mean, 0.116667, 1e-6);
    close(pooled.b!.mean, 0.164444, 1e-6);
    // Pooling overstates B's lead: 0.0478 against the period-weighted 0.02.
    const weighted = periodWeightedEstimate(periods);
    expect(pooled.b!.mean - pooled.a!.mean).toBeGreaterThan(2 * (weighted.b!.mean - weighted.a!.mean));
  });

  it("leaves out a period where an arm has fewer than two users", () => {
    const estimates = periodWeightedEstimate([...periods, { a: binomial(1, 1), b: binomial(500, 0) }]);
    close(estimates.a!.mean, 0.1333333333);
  });
});

describe("Thompson weights", () => {
  const arms = {
    a: { n: 1000, mean: 0.1, variance: 0.1 ** 2 },
    b: { n: 1000, mean: 0.2, variance: 0.1 ** 2 },
    c: { n: 1000, mean: 0, variance: 0.1 ** 2 },
  };

  it("are P(best) with the additive floor f + (1 − K·f)·w", () => {
    const result = banditWeights({ arms });
    expect(result.update).toBe("updated");
    close(result.p_best!.b, 0.7287510153);
    close(result.weights.b!, 0.01 + 0.97 * 0.7287510153);
    close(result.weights.c!, 0.01 + 0.97 * 0.0471506799);
    close(
      Object.values(result.weights).reduce((x, y) => x + y, 0),
      1,
      1e-12,
    );
    expect(result.winner).toBeNull();
  });

  it("stay equal during burn-in", () => {
    const result = banditWeights({ arms, in_burn_in: true, current: { a: 0.2, b: 0.6, c: 0.2 } });
    expect(result).toMatchObject({ update: "burn_in", p_best: null });
    for (const weight of Object.values(result.weights)) close(weight, 1 / 3);
  });

  it("keep the current weights until every arm has the minimum users", () => {
    const current = { a: 0.2, b: 0.6, c: 0.2 };
    const result = banditWeights({ arms: { ...arms, c: { ...arms.c, n: 99 } }, current });
    expect(result).toEqual({ weights: current, p_best: null, winner: null, update: "too_few_users" });
  });

  it("name a winner once P(best) reaches the winner probability", () => {
    const result = banditWeights({
      arms: { a: { n: 5000, mean: 0.1, variance: 1e-5 }, b: { n: 5000, mean: 0.12, variance: 1e-5 } },
    });
    expect(result.winner).toBe("b");
    expect(result.p_best!.b).toBeGreaterThanOrEqual(0.95);
    // The floor still leaves the loser its share.
    expect(result.weights.a).toBeGreaterThanOrEqual(0.01);
  });

  it("turn around for a lower-is-better metric", () => {
    const result = banditWeights({ arms, settings: { lower_is_better: true } });
    close(result.p_best!.c, 0.7287510153);
  });

  it("refuse a floor that cannot be given to every arm", () => {
    expect(() => banditWeights({ arms, settings: { floor: 0.4 } })).toThrowError(RangeError);
  });
});
