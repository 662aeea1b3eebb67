import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { assignmentPoint, assignVariant } from "../src/assignment";
import { DEFAULT_EXPERIMENT } from "../src/experiment";

interface FixtureCase {
  user_id: string;
  test_name: string;
  weights: [string, number][];
  point: number;
  variant: string;
}

// Computed by scripts/assignment_fixture.py with the recipe's own Python algorithm.
const { cases } = JSON.parse(
  readFileSync(new URL("../fixtures/assignments.json", import.meta.url), "utf8"),
) as {
  cases: FixtureCase[];
};

describe("assignVariant matches the recipe's Python router", () => {
  it("covers at least 1,000 users, non-ASCII and long ids, several tests and weight sets", () => {
    expect(new Set(cases.map((c) => c.user_id)).size).toBeGreaterThanOrEqual(1000);
    expect(cases.some((c) => [...c.user_id].some((ch) => ch.codePointAt(0)! > 127))).toBe(true);
    expect(cases.some((c) => c.user_id.length >= 200)).toBe(true);
    expect(new Set(cases.map((c) => c.test_name)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(cases.map((c) => JSON.stringify(c.weights))).size).toBeGreaterThanOrEqual(5);
  });

  it("agrees with every fixture row on the point and the variant", () => {
    const mismatches = cases.filter((c) => {
      const variants = c.weights.map(([id, weight]) => ({ id, weight }));
      return (
        assignmentPoint(c.user_id, c.test_name) !== c.point ||
        assignVariant(c.user_id, c.test_name, variants).id !== c.variant
      );
    });
    expect(mismatches).toEqual([]);
  });

  it("puts a user exactly on a running-sum boundary in the lower variant, as Python's <= does", () => {
    const onBoundary = cases.filter((c) => c.point === 0.33 && c.weights[0]?.[1] === 0.33);
    expect(onBoundary.length).toBeGreaterThan(0);
    for (const c of onBoundary) {
      expect(assignVariant(c.user_id, c.test_name, DEFAULT_EXPERIMENT.variants).id).toBe("variant_a");
    }
  });

  it("is stable and spreads users close to the declared weights", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 30_000; i++) {
      const id = assignVariant(`user_${i}`, "default_recommendation_test", DEFAULT_EXPERIMENT.variants).id;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect(counts.get("variant_a")! / 30_000).toBeCloseTo(0.33, 1);
    expect(counts.get("variant_c")! / 30_000).toBeCloseTo(0.34, 1);
    expect(assignVariant("user_00001", "t", DEFAULT_EXPERIMENT.variants)).toBe(
      assignVariant("user_00001", "t", DEFAULT_EXPERIMENT.variants),
    );
  });

  it("refuses an experiment without variants", () => {
    expect(() => assignVariant("u", "t", [])).toThrow(RangeError);
  });
});
