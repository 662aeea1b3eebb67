import { describe, expect, it } from "vitest";
import { resultsTable } from "../src/results-table";
import type { ResultsView } from "../src/results-view";

const results: ResultsView = {
  test_name: "homepage_carousel",
  status: "active",
  computed_at: "2026-12-01T21:00:00.000Z",
  control: "control",
  users: { control: 1000, treatment: 1010 },
  srm: { p_value: 0.8231, mismatch: false },
  metrics: [
    {
      name: "purchase_rate",
      kind: "binomial",
      role: "primary",
      method: "sequential",
      variants: [
        { id: "control", users: 1000, value: 0.05 },
        { id: "treatment", users: 1010, value: 0.0792 },
      ],
      comparisons: [
        {
          variant: "treatment",
          relative_lift: 0.584,
          ci: [0.0812, 1.0868],
          p_value: 0.00871,
          p_value_adjusted: 0.00871,
          significant: true,
          chance_to_win: 0.9962,
        },
      ],
    },
  ],
  decision: { verdict: "ship", variant: "treatment", reasons: ["treatment wins purchase_rate"] },
};

describe("the results table", () => {
  it("shows users, value, lift with its interval, p, chance to win and the verdict with its reasons", () => {
    const table = resultsTable(results);
    expect(table).toContain("homepage_carousel (active), computed 2026-12-01T21:00:00.000Z, control control");
    expect(table).toContain("users: control 1000, treatment 1010");
    expect(table).toContain("sample ratio: p 0.8231 (no mismatch)");
    expect(table).toContain("purchase_rate (binomial, primary, sequential)");
    expect(table).toMatch(
      /treatment\s*│ 1010\s*│ 7\.92 %\s*│ \+58\.4 % \[\+8\.1 %, \+108\.7 %\]\s*│ 0\.0087 \(adj 0\.0087\)\s*│ 99\.6 %\s*│ yes/,
    );
    expect(table).toMatch(/control\s*│ 1000\s*│ 5\.00 %\s*│ \(control\)/);
    expect(table).toContain("verdict: ship treatment\n  - treatment wins purchase_rate");
  });

  it("shows the absolute difference when the control is 0, and says when it is certain", () => {
    const guardrail = {
      name: "fallback_share",
      kind: "ratio",
      role: "guardrail",
      method: "sequential",
      variants: [
        { id: "control", users: 400, value: 0 },
        { id: "sims", users: 400, value: 1 },
      ],
      comparisons: [
        {
          variant: "sims",
          relative_lift: null,
          ci: null,
          absolute_difference: 1,
          absolute_ci: [1, 1] as const,
          basis: "certain",
          p_value: 0,
          p_value_adjusted: 0,
          significant: true,
          chance_to_win: 0,
        },
      ],
    };
    const table = resultsTable({ ...results, metrics: [guardrail] });
    expect(table).toMatch(
      /sims\s*│ 400\s*│ 100\.00 %\s*│ \+1 \[\+1, \+1\] absolute, control is 0 certain\s*│ <0\.0001/,
    );
    expect(table).not.toContain("+0.0 %");
  });

  it("says plainly when the split is not the configured one, and when it is not checked yet", () => {
    expect(resultsTable({ ...results, srm: { p_value: 0.00001, mismatch: true } })).toContain(
      "sample ratio: p <0.0001 MISMATCH: the split is not the configured one",
    );
    expect(resultsTable({ ...results, srm: { p_value: null, mismatch: false } })).toContain(
      "sample ratio: not checked yet (too few users)",
    );
  });
});
