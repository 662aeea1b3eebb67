import { describe, expect, it } from "vitest";
import { inputFile, runExperiment } from "./run-experiment";

// The reference numbers of the shared experiment-statistics document (GrowthBook's tests), through
// `experiment analyze --input FILE --json`, to 1e-6.
const binomial = (n: number, sum: number) => ({ n, sum, sum_squares: sum });

interface Comparison {
  variant: string;
  relative_lift: number;
  ci: [number, number];
  p_value: number;
  chance_to_win: number;
  credible_interval: [number, number];
  risk: [number, number];
}
interface Output {
  srm: { p_value: number | null; mismatch: boolean };
  metrics: { name: string; comparisons: Comparison[] }[];
}

async function analyzed(input: unknown): Promise<Output> {
  const run = await runExperiment(["analyze", "--input", inputFile(input), "--json"]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Output;
}

const comparisonOf = (output: Output, metric: string) =>
  output.metrics.find((candidate) => candidate.name === metric)!.comparisons.find((c) => c.variant === "B")!;

function expectClose(actual: readonly number[], expected: readonly number[]) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => {
    expect(value).toBeCloseTo(expected[i]!, 6);
  });
}

describe("experiment analyze reproduces the reference numbers", () => {
  it("V1, V3 (Welch, fixed horizon), V11, V12 (Bayesian, improper prior)", async () => {
    const output = await analyzed({
      control: "A",
      method: "fixed",
      correction: "none",
      metrics: [
        {
          name: "v1_mean",
          kind: "mean",
          variants: {
            A: { n: 3407, sum: 1396.87, sum_squares: 52377.9767 },
            B: { n: 3461, sum: 2422.7, sum_squares: 134698.29 },
          },
        },
        { name: "v3_binomial", kind: "binomial", variants: { A: binomial(28, 14), B: binomial(30, 16) } },
        { name: "v11_binomial", kind: "binomial", variants: { A: binomial(100, 49), B: binomial(100, 51) } },
        {
          name: "v12_mean",
          kind: "mean",
          variants: {
            A: { n: 10, sum: 100, sum_squares: 1002.25 },
            B: { n: 10, sum: 105, sum_squares: 1111.5 },
          },
        },
      ],
    });
    const v1 = comparisonOf(output, "v1_mean");
    expectClose(
      [v1.relative_lift, ...v1.ci, v1.p_value],
      [0.7073170731707317, -0.03526008906611777, 1.449894235407581, 0.06191182745618362],
    );
    const v3 = comparisonOf(output, "v3_binomial");
    expectClose([...v3.ci, v3.p_value], [-0.4776740282706786, 0.6110073616040119, 0.8070716832021887]);
    const v11 = comparisonOf(output, "v11_binomial");
    expectClose(
      [v11.chance_to_win, ...v11.credible_interval, ...v11.risk],
      [0.6091813095808981, -0.24779335974122607, 0.3294260128024506, 0.0813958491551631, 0.04057952262455081],
    );
    expect(comparisonOf(output, "v12_mean").chance_to_win).toBeCloseTo(0.9192339081566245, 6);
  });

  it("V7 (sequential, N* = 5000) and V13 (proper prior N(0.1, 0.1))", async () => {
    const sequential = await analyzed({
      control: "A",
      method: "sequential",
      tuning: 5000,
      metrics: [
        { name: "v7", kind: "binomial", variants: { A: binomial(3000, 1396), B: binomial(3461, 2422) } },
      ],
    });
    const v7 = comparisonOf(sequential, "v7");
    expectClose([v7.relative_lift, ...v7.ci], [0.5038633516821496, 0.4009784966859415, 0.6067482066783576]);

    const prior = await analyzed({
      control: "A",
      prior: { mean: 0.1, variance: 0.1 },
      metrics: [
        {
          name: "v13",
          kind: "mean",
          variants: {
            A: { n: 10, sum: 100, sum_squares: 1002.25 },
            B: { n: 10, sum: 105, sum_squares: 1111.5 },
          },
        },
      ],
    });
    expect(comparisonOf(prior, "v13").chance_to_win).toBeCloseTo(0.9231499085772956, 6);
  });

  it.each([
    [{ A: 1000, B: 1200 }, { A: 0.5, B: 0.5 }, 2.007865612426481e-5],
    [{ A: 310, B: 98 }, { A: 0.75, B: 0.25 }, 0.647434185701797],
    [{ A: 500, B: 500, C: 600 }, { A: 0.34, B: 0.33, C: 0.33 }, 0.0005926379315273186],
    [{ A: 1000, B: 1200, C: 900 }, { A: 0.5, B: 0.5, C: 0 }, 2.007865612426481e-5],
  ])("V20 sample ratio of %j at %j", async (users, weights, expected) => {
    const variants = Object.fromEntries(
      Object.entries(users).map(([id, n]) => [id, binomial(n, Math.round(n / 10))]),
    );
    const output = await analyzed({
      control: "A",
      users,
      weights,
      metrics: [{ name: "purchase_rate", kind: "binomial", variants }],
    });
    expect(output.srm.p_value).toBeCloseTo(expected, 6);
    expect(output.srm.mismatch).toBe(expected < 0.001);
  });
});
