import { describe, expect, it } from "vitest";
import { evaluateRecipes, METRIC_NAMES } from "../src/evaluation/evaluate-recipes";
import { splitLatestPerUser } from "../src/evaluation/holdout";
import { formatMetricsTable } from "../src/evaluation/metrics-table";
import { ndcgAt, precisionAt, reciprocalRankAt } from "../src/evaluation/ranking-metrics";
import { sampleData } from "./trained-sample-recommender";

describe("ranking metrics", () => {
  const relevant = new Set(["b", "d"]);
  const recommended = ["a", "b", "c", "d", "e"];

  it("precision at k counts relevant items in the top k over k", () => {
    expect(precisionAt(5, recommended, relevant)).toBe(0.4);
    expect(precisionAt(2, recommended, relevant)).toBe(0.5);
    expect(precisionAt(10, recommended, relevant)).toBe(0.2);
  });

  it("NDCG at k discounts hits by log2 of their rank against the ideal order", () => {
    const dcg = 1 / Math.log2(3) + 1 / Math.log2(5);
    expect(ndcgAt(5, recommended, relevant)).toBeCloseTo(dcg / (1 + 1 / Math.log2(3)), 12);
    expect(ndcgAt(2, ["b", "d"], relevant)).toBe(1);
    expect(ndcgAt(1, recommended, relevant)).toBe(0);
  });

  it("reciprocal rank is one over the rank of the first hit within k", () => {
    expect(reciprocalRankAt(25, recommended, relevant)).toBe(0.5);
    expect(reciprocalRankAt(1, recommended, relevant)).toBe(0);
  });
});

describe("splitLatestPerUser", () => {
  it("holds out the latest tenth of each user's interactions, at least one", () => {
    const { train, test } = splitLatestPerUser(sampleData.interactions);
    const heldOut = [...test.values()].flat();
    expect(train.length + heldOut.length).toBe(sampleData.interactions.length);
    expect(heldOut.length / sampleData.interactions.length).toBeCloseTo(0.1, 1);
    const trainEnd = new Map<string, number>();
    for (const event of train)
      trainEnd.set(event.userId, Math.max(trainEnd.get(event.userId) ?? 0, event.timestamp));
    for (const [userId, events] of test) {
      expect(events.length).toBeGreaterThanOrEqual(1);
      expect(events.every((event) => event.timestamp >= (trainEnd.get(userId) ?? 0))).toBe(true);
    }
  });
});

describe("evaluateRecipes on the generated sample data", () => {
  const evaluation = evaluateRecipes(sampleData);
  const { metrics } = evaluation;

  it.each(["user-personalization", "similar-items"] as const)("%s beats popularity-count", (strategy) => {
    for (const name of [
      "precision_at_10",
      "normalized_discounted_cumulative_gain_at_10",
      "normalized_discounted_cumulative_gain_at_25",
      "mean_reciprocal_rank_at_25",
    ] as const) {
      expect(metrics[strategy][name], name).toBeGreaterThan(metrics.popularity[name] * 1.5);
    }
    expect(metrics[strategy].coverage).toBeGreaterThan(metrics.popularity.coverage);
  });

  // Training time is a figure of the bench (`pnpm --filter @personalize-ab/local-recommender bench`), not a test.
  it("evaluates most users and trains on the 50k-sized data", () => {
    expect(evaluation.testUsers).toBeGreaterThan(800);
    expect(evaluation.trainInteractions).toBeGreaterThan(44_000);
  });

  it("prints every Personalize metric for every recipe", () => {
    const table = formatMetricsTable(evaluation).split("\n");
    expect(table[0]).toMatch(/^metric\s+user-personalization\s+sims\s+popularity-count$/);
    expect(table.slice(2).map((row) => row.split(/\s+/)[0])).toEqual([...METRIC_NAMES]);
    expect(table[2]).toContain(metrics["user-personalization"].precision_at_5.toFixed(4));
  });
});
