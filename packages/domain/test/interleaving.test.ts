import { describe, expect, it } from "vitest";
import {
  ExperimentConflict,
  experimentSchema,
  interleavingCoin,
  kindOf,
  newExperiment,
  reviseExperiment,
} from "../src";

const variant = (id: string, weight: number) => ({
  id,
  weight,
  recipe: "aws-sims" as const,
  description: id,
});
const pair = [variant("current", 0.5), variant("candidate", 0.5)];

function problemsOf(record: Record<string, unknown>): { path: string; message: string }[] {
  const result = experimentSchema.safeParse({ name: "t", status: "active", ...record });
  return result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

describe("experiment kind", () => {
  it("reads an absent kind as an A/B test and keeps an interleaving one", () => {
    const ab = experimentSchema.parse({ name: "t", status: "active", variants: pair });
    expect(kindOf(ab)).toBe("ab");
    const interleaved = experimentSchema.parse({
      name: "t",
      status: "active",
      kind: "interleaving",
      variants: pair,
    });
    expect(kindOf(interleaved)).toBe("interleaving");
  });

  it("refuses an unknown kind under its field", () => {
    expect(problemsOf({ kind: "multi", variants: pair }).map((problem) => problem.path)).toEqual(["kind"]);
  });

  it.each([
    [
      "one variant",
      { variants: [variant("only", 1)] },
      "variants",
      "an interleaving experiment needs at least two variants",
    ],
    [
      "nine variants (the counters' transactions hold 8: 28 pairs)",
      { variants: Array.from({ length: 9 }, (_, i) => variant(`v${i}`, i === 0 ? 0.2 : 0.1)) },
      "variants",
      "an interleaving experiment takes at most 8 variants",
    ],
    [
      "a bandit",
      { variants: pair, allocation: { type: "bandit", metric: "purchase_rate" } },
      "allocation.type",
      "must be fixed for an interleaving experiment",
    ],
    [
      "A/B metrics",
      {
        variants: pair,
        metrics: [
          {
            name: "purchase_rate",
            kind: "binomial",
            role: "primary",
            numerator: { event_types: ["purchase"] },
          },
        ],
      },
      "metrics",
      "do not apply to an interleaving experiment",
    ],
  ])("an interleaving experiment with %s is refused under the field", (_, record, path, message) => {
    const problems = problemsOf({ kind: "interleaving", ...record });
    expect(problems).toContainEqual({ path, message: expect.stringContaining(message) });
    // The same record as an A/B test is valid apart from the bandit's two-variant rule.
    if (path !== "variants")
      expect(problemsOf(record).filter((problem) => problem.path === path)).toEqual([]);
  });

  it("is set at creation and fixed once the experiment has started", () => {
    const created = newExperiment(
      { name: "t", status: "active", kind: "interleaving", variants: pair },
      1000,
    );
    expect(created.kind).toBe("interleaving");
    expect(() => reviseExperiment(created, { version: 1, kind: "ab", variants: pair }, 2000)).toThrow(
      new ExperimentConflict("experiment_started", "kind", "the kind of a started experiment is fixed"),
    );
    const draft = newExperiment({ name: "t", variants: pair }, 1000);
    expect(reviseExperiment(draft, { version: 1, kind: "interleaving", variants: pair }, 2000).kind).toBe(
      "interleaving",
    );
  });
});

describe("interleaving coin", () => {
  it("draws the same numbers for the same recommendation id, in [0, 1)", () => {
    const draws = (id: string) => {
      const coin = interleavingCoin(id);
      return Array.from({ length: 200 }, coin);
    };
    expect(draws("rec-1")).toEqual(draws("rec-1"));
    expect(draws("rec-1")).not.toEqual(draws("rec-2"));
    for (const value of draws("rec-3")) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it("is a fair coin over many recommendation ids", () => {
    const heads = Array.from({ length: 4000 }, (_, i) => interleavingCoin(`rec-${i}`)() < 0.5).filter(
      Boolean,
    );
    // 4000 fair flips: 2000 ± 4 standard deviations (≈ 126).
    expect(Math.abs(heads.length - 2000)).toBeLessThan(127);
  });
});
