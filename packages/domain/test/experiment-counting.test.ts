import { describe, expect, it } from "vitest";
import {
  accumulate,
  addStats,
  type CountedRecord,
  countsToward,
  enrollmentPeriod,
  linkToExposure,
  type SufficientStats,
  statsDelta,
  type UserMetricValues,
} from "../src/experiment-counting";
import { DEFAULT_METRICS, type MetricDefinition } from "../src/experiment-metrics";

const enrollment = { testName: "t", variant: "a", enrolledAtMs: 1_000, stratum: "p0" };
const ALWAYS = [{ started_at: 0 }];
const exposure = (testName: string, source: "personalize" | "fallback" = "personalize") => ({
  testName,
  variant: "a",
  source,
  itemIds: ["i1", "i2", "i3"],
});
const metric = (name: string) => DEFAULT_METRICS.find((m) => m.name === name)!;

describe("experiment counting", () => {
  it("counts events from the enrollment time on, and exposures only for their own experiment", () => {
    const at = (atMs: number): CountedRecord => ({ eventType: "purchase", atMs });
    expect(countsToward(at(999), enrollment, ALWAYS)).toBe(false);
    expect(countsToward(at(1_000), enrollment, ALWAYS)).toBe(true);
    const served = { eventType: "recommendation_served", atMs: 0 };
    expect(countsToward({ ...served, exposure: exposure("t") }, enrollment, ALWAYS)).toBe(true);
    expect(countsToward({ ...served, exposure: exposure("other") }, enrollment, ALWAYS)).toBe(false);
  });

  it("counts only records received while the experiment was active", () => {
    const spans = [
      { started_at: 1_000, ended_at: 2_000 },
      { started_at: 3_000, ended_at: 4_000 },
    ];
    const at = (atMs: number): CountedRecord => ({ eventType: "purchase", atMs });
    expect(
      [1_000, 1_999, 2_000, 2_500, 3_000, 4_000].map((t) => countsToward(at(t), enrollment, spans)),
    ).toEqual([true, true, false, false, true, false]);
    const served = { eventType: "recommendation_served", atMs: 2_500, exposure: exposure("t") };
    expect(countsToward(served, enrollment, spans)).toBe(false);
  });

  it("selects by type, by link to this experiment's exposures and by exposure source", () => {
    const values: UserMetricValues = {};
    const ctr = metric("recommendation_ctr");
    const fallback = metric("fallback_share");
    const records: CountedRecord[] = [
      { eventType: "recommendation_served", atMs: 2_000, exposure: exposure("t", "fallback") },
      { eventType: "recommendation_served", atMs: 2_000, exposure: exposure("t") },
      { eventType: "click", atMs: 2_001, linked: linkToExposure(exposure("t"), "i2") },
      { eventType: "click", atMs: 2_002, linked: linkToExposure(exposure("other"), "i2") },
      { eventType: "view", atMs: 2_003 },
    ];
    for (const record of records) accumulate(values, [ctr, fallback], record, "t");
    expect(values).toEqual({ recommendation_ctr: { num: 1, den: 2 }, fallback_share: { num: 1, den: 2 } });
    expect(linkToExposure(exposure("t"), "i2").position).toBe(2);
    expect("position" in linkToExposure(exposure("t"), "nope")).toBe(false);
  });

  it("adds x' - x and x'^2 - x^2 for a user's change, and counts a new user once", () => {
    const revenue = metric("revenue_per_user");
    expect(statsDelta(revenue, undefined, { num: 3, den: 0 }, true)).toEqual({
      n: 1,
      sum: 3,
      sum_squares: 9,
    });
    expect(statsDelta(revenue, { num: 3, den: 0 }, { num: 5, den: 0 }, false)).toEqual({
      n: 0,
      sum: 2,
      sum_squares: 16,
    });
    // Binomial: 0 -> 1 once, then nothing however many more purchases.
    const rate = metric("purchase_rate");
    expect(statsDelta(rate, { num: 0, den: 0 }, { num: 1, den: 0 }, false)).toEqual({
      n: 0,
      sum: 1,
      sum_squares: 1,
    });
    expect(statsDelta(rate, { num: 1, den: 0 }, { num: 4, den: 0 }, false)).toEqual({
      n: 0,
      sum: 0,
      sum_squares: 0,
    });
  });

  it("sums per-user deltas of a ratio to the exact statistics of the final values", () => {
    const ratio: MetricDefinition = metric("recommendation_ctr");
    // Two users reach (x, d) = (2, 3) and (1, 4) by steps; the sums equal those of the end values.
    const steps: [number, number][][] = [
      [
        [0, 1],
        [1, 2],
        [2, 3],
      ],
      [
        [0, 2],
        [0, 4],
        [1, 4],
      ],
    ];
    let total: SufficientStats = { n: 0, sum: 0, sum_squares: 0 };
    for (const path of steps) {
      let before: { num: number; den: number } | undefined;
      for (const [num, den] of path) {
        total = addStats(total, statsDelta(ratio, before, { num, den }, before === undefined));
        before = { num, den };
      }
    }
    expect(total).toEqual({ n: 2, sum: 3, sum_squares: 5, den_sum: 7, den_sum_squares: 25, cross_sum: 10 });
  });

  it("names the enrollment period by its UTC day", () => {
    expect(enrollmentPeriod(Date.UTC(2026, 11, 1, 23, 59, 59))).toBe("2026-12-01");
    expect(enrollmentPeriod(Date.UTC(2026, 11, 2))).toBe("2026-12-02");
  });
});
