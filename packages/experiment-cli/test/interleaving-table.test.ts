import { describe, expect, it } from "vitest";
import { type InterleavingView, interleavingTable, isInterleavingView } from "../src/interleaving-table";

const results: InterleavingView = {
  kind: "interleaving",
  test_name: "ranker_interleaving",
  status: "active",
  computed_at: "2026-12-02T02:00:00.000Z",
  impressions: 1200,
  clicked_impressions: 410,
  failures: { current: 0, candidate: 3 },
  click_event_types: ["click", "view"],
  pairs: [
    {
      a: "current",
      b: "candidate",
      users: 240,
      preference: -0.1834,
      ci: [-0.2901, -0.0767],
      p_value: 0.00082,
      significant: true,
      wins: 120,
      losses: 205,
      ties: 11,
      favours: "candidate",
    },
  ],
};

describe("the interleaving results table", () => {
  it("shows per pair the users, the credits, the preference with its interval, p and the favoured variant", () => {
    const table = interleavingTable(results);
    expect(table).toContain("ranker_interleaving (interleaving, active), computed 2026-12-02T02:00:00.000Z");
    expect(table).toContain("impressions 1200, with a click 410 (clicks: click, view)");
    expect(table).toContain("failed impressions per variant: current 0, candidate 3");
    const row = table.split("\n").find((line) => line.includes("current vs candidate"))!;
    for (const cell of ["240", "120 / 205 / 11", "-0.183 [-0.290, -0.077]", "0.0008", "candidate"]) {
      expect(row).toContain(cell);
    }
  });

  it("says when no variant is favoured, and tells interleaving results from A/B ones", () => {
    const table = interleavingTable({
      ...results,
      pairs: [{ ...results.pairs[0]!, significant: false, favours: null, p_value: 0.41 }],
    });
    expect(table).toContain("neither (not significant)");
    expect(isInterleavingView(results)).toBe(true);
    expect(isInterleavingView({ control: "control", metrics: [] })).toBe(false);
  });
});
