import { describe, expect, it } from "vitest";
import { runInProcess } from "./in-process";
import { inputFile } from "./run-experiment";

const valid = {
  control: "A",
  metrics: [
    {
      name: "purchase_rate",
      kind: "binomial",
      variants: { A: { n: 100, sum: 5, sum_squares: 5 }, B: { n: 100, sum: 8, sum_squares: 8 } },
    },
  ],
};

describe("experiment analyze refuses a bad input naming the field", () => {
  it.each([
    [{ ...valid, control: "Z" }, "metrics.0.variants.Z: the control must have statistics in every metric"],
    [{ ...valid, alpha: 2 }, "alpha: must be at most 0.5"],
    [{ ...valid, weights: { A: 1 } }, "weights.B: is required for every variant"],
    [
      {
        ...valid,
        metrics: [
          {
            ...valid.metrics[0],
            variants: { ...valid.metrics[0]!.variants, B: { n: 1.5, sum: 1, sum_squares: 1 } },
          },
        ],
      },
      "metrics.0.variants.B.n: must be a whole number",
    ],
    [
      { ...valid, metrics: [{ ...valid.metrics[0], kind: "ratio" }] },
      "metrics.0.variants.A.den_sum: is required for a ratio metric",
    ],
    [{ ...valid, metrics: [] }, "metrics: needs at least one metric"],
  ])("%#", async (input, problem) => {
    const run = await runInProcess(["analyze", "--input", inputFile(input)]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(problem);
  });

  it("says when the file is missing or not JSON", async () => {
    const missing = await runInProcess(["analyze", "--input", "/nonexistent/input.json"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--input: cannot read /nonexistent/input.json: ENOENT");
    const notJson = await runInProcess(["analyze", "--input", inputFile("{ not json")]);
    expect(notJson.stderr).toMatch(/--input: .* is not valid JSON/);
  });

  it("prints a readable table without --json", async () => {
    const run = await runInProcess(["analyze", "--input", inputFile(valid)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("purchase_rate (binomial, primary");
    expect(run.stdout).toMatch(/verdict: \w+/);
  });
});
