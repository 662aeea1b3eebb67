import { describe, expect, it } from "vitest";
import { analyze } from "../src";
import { SeededRandom } from "../src/seeded-random";

/** The path of every number in `value` that JSON cannot carry (NaN, ±Infinity). */
function nonFiniteNumbers(value: unknown, path = "result"): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (Array.isArray(value)) return value.flatMap((item, i) => nonFiniteNumbers(item, `${path}.${i}`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => nonFiniteNumbers(item, `${path}.${key}`));
  }
  return [];
}

type Stats = { n: number; sum: number; sum_squares: number };

/** Per-variant sums of users drawn from the corners: no users, one user, constant values, zeros. */
function degenerateStats(random: SeededRandom, kind: "binomial" | "mean" | "ratio") {
  const n = random.pick([0, 1, 2, 3, 7, 8, 9, 50, 1000]);
  const shape = random.pick(["zeros", "ones", "constant", "mixed"] as const);
  const values = Array.from({ length: n }, () => {
    if (shape === "zeros") return 0;
    if (shape === "ones") return 1;
    if (shape === "constant") return kind === "binomial" ? 1 : 2.5;
    return kind === "binomial" ? random.int(0, 1) : random.pick([0, 0, 0, 1, 4.25]);
  });
  const stats: Stats & { den_sum?: number; den_sum_squares?: number; cross_sum?: number } = {
    n,
    sum: values.reduce((a, v) => a + v, 0),
    sum_squares: values.reduce((a, v) => a + v * v, 0),
  };
  if (kind !== "ratio") return stats;
  // Denominators: none at all, a constant, or the numerator itself (a share of 0 or 1 per user).
  const denominators = values.map((v) =>
    random.pick(["zero", "constant", "same"] as const) === "zero" ? 0 : shape === "mixed" ? 3 : v || 1,
  );
  return {
    ...stats,
    den_sum: denominators.reduce((a, d) => a + d, 0),
    den_sum_squares: denominators.reduce((a, d) => a + d * d, 0),
    cross_sum: values.reduce((a, v, i) => a + v * denominators[i]!, 0),
  };
}

describe("no NaN or Infinity reaches the JSON", () => {
  it("the check itself finds a planted NaN and Infinity", () => {
    expect(nonFiniteNumbers({ a: [1, Number.NaN], b: { c: -Infinity, d: null } })).toEqual([
      "result.a.1 = NaN",
      "result.b.c = -Infinity",
    ]);
  });

  it("over seeded degenerate inputs: every number finite, p and chance to win in [0, 1], intervals ordered", () => {
    const seed = Number(process.env.DEGENERATE_SEED ?? 20261202);
    console.log(`degenerate inputs seed ${seed} (DEGENERATE_SEED to replay)`);
    const random = new SeededRandom(seed);
    const bases = new Set<string>();
    let withoutRelativeLift = 0;
    for (let run = 0; run < 600; run++) {
      const kind = random.pick(["binomial", "mean", "ratio"] as const);
      const input = {
        control: "a",
        method: random.pick(["fixed", "sequential"] as const),
        ...(random.next() < 0.3 ? { prior: { mean: 0, variance: 0.05 } } : {}),
        metrics: [
          {
            name: "m",
            kind,
            role: random.pick(["primary", "guardrail"] as const),
            lower_is_better: random.next() < 0.5,
            variants: {
              a: degenerateStats(random, kind),
              b: degenerateStats(random, kind),
              c: degenerateStats(random, kind),
            },
          },
          ...(random.next() < 0.5
            ? [
                {
                  name: "p",
                  kind: "binomial" as const,
                  variants: { a: { n: 9, sum: 1, sum_squares: 1 }, b: { n: 9, sum: 2, sum_squares: 2 } },
                },
              ]
            : []),
        ],
      };
      const result = analyze(input);
      const context = `run ${run}: ${JSON.stringify(input.metrics[0]!.variants)}`;
      expect(nonFiniteNumbers(result), context).toEqual([]);
      expect(JSON.parse(JSON.stringify(result)), context).toEqual(result);
      for (const comparison of result.metrics.flatMap((metric) => metric.comparisons)) {
        bases.add(comparison.basis);
        for (const share of [comparison.p_value, comparison.p_value_adjusted, comparison.chance_to_win]) {
          expect(share, context).toBeGreaterThanOrEqual(0);
          expect(share, context).toBeLessThanOrEqual(1);
        }
        for (const interval of [comparison.ci, comparison.absolute_ci, comparison.credible_interval]) {
          if (interval !== null) expect(interval[0], context).toBeLessThanOrEqual(interval[1]);
        }
        // A relative-scale field is null exactly when there is no relative lift, and says why.
        const relativeFields = [comparison.ci, comparison.credible_interval, comparison.risk];
        if (comparison.relative_lift === null) {
          withoutRelativeLift++;
          expect(comparison.relative_lift_reason, context).not.toBeNull();
          expect(relativeFields, context).toEqual([null, null, null]);
        } else {
          expect(
            relativeFields.filter((field) => field === null),
            context,
          ).toEqual([]);
        }
      }
    }
    // The draws reached every branch, controls at 0 among them.
    expect([...bases].sort()).toEqual(["certain", "estimate", "no_difference", "too_few_users"]);
    console.log(`comparisons without a relative lift: ${withoutRelativeLift}`);
    expect(withoutRelativeLift).toBeGreaterThan(0);
  });
});
