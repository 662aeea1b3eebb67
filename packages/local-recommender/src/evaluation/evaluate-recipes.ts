import type { Strategy } from "@personalize-ab/domain";
import type { SampleData } from "@personalize-ab/sample-data";
import { LocalRecommender } from "../model/local-recommender";
import { splitLatestPerUser } from "./holdout";
import { ndcgAt, precisionAt, reciprocalRankAt } from "./ranking-metrics";

/** The metrics Personalize reports for a solution version, under its names. */
export interface SolutionMetrics {
  readonly precision_at_5: number;
  readonly precision_at_10: number;
  readonly precision_at_25: number;
  readonly normalized_discounted_cumulative_gain_at_5: number;
  readonly normalized_discounted_cumulative_gain_at_10: number;
  readonly normalized_discounted_cumulative_gain_at_25: number;
  readonly mean_reciprocal_rank_at_25: number;
  readonly coverage: number;
}

export const METRIC_NAMES = [
  "precision_at_5",
  "precision_at_10",
  "precision_at_25",
  "normalized_discounted_cumulative_gain_at_5",
  "normalized_discounted_cumulative_gain_at_10",
  "normalized_discounted_cumulative_gain_at_25",
  "mean_reciprocal_rank_at_25",
  "coverage",
] as const satisfies readonly (keyof SolutionMetrics)[];

export interface Evaluation {
  readonly metrics: Record<Strategy, SolutionMetrics>;
  readonly testUsers: number;
  readonly trainInteractions: number;
  readonly trainingMs: number;
}

const STRATEGIES: readonly Strategy[] = ["user-personalization", "similar-items", "popularity"];
const DEPTH = 25;
/** GetRecommendations' numResults limit. */
const MAX_RESULTS = 500;

/**
 * Trains on all but the latest 10% of each user's interactions and asks each recipe, as the
 * platform would, for 25 items per test user: user-personalization and popularity by user, SIMS
 * by the user's last item before the cut. Relevant items are the ones the user went on to touch
 * for the first time. Every recipe's list has the user's earlier items removed first (as a
 * Personalize exclusion filter would), so all three compete on finding something new and
 * user-personalization's built-in exclusion is no advantage.
 */
export function evaluateRecipes(data: SampleData, holdoutFraction = 0.1): Evaluation {
  const { train, test } = splitLatestPerUser(data.interactions, holdoutFraction);
  const recommender = LocalRecommender.train(train, { itemIds: data.items.map((item) => item.itemId) });
  const catalogSize = new Set([
    ...data.items.map((item) => item.itemId),
    ...data.interactions.map((i) => i.itemId),
  ]).size;

  const interacted = new Map<string, Set<string>>();
  for (const interaction of train) {
    const items = interacted.get(interaction.userId) ?? new Set<string>();
    items.add(interaction.itemId);
    interacted.set(interaction.userId, items);
  }
  // Users who went on to touch at least one new item; the others have nothing to find.
  const cases = [...test].flatMap(([userId, heldOut]) => {
    const known = interacted.get(userId) ?? new Set<string>();
    const relevant = new Set(
      heldOut.map((interaction) => interaction.itemId).filter((item) => !known.has(item)),
    );
    const itemId = recommender.lastItemOf(userId);
    return relevant.size === 0 ? [] : [{ userId, itemId, known, relevant }];
  });

  const metrics = Object.fromEntries(
    STRATEGIES.map((strategy) => {
      const sums = Object.fromEntries(METRIC_NAMES.map((name) => [name, 0])) as Record<
        keyof SolutionMetrics,
        number
      >;
      const recommendedItems = new Set<string>();
      for (const { userId, itemId, known, relevant } of cases) {
        const numResults = Math.min(MAX_RESULTS, DEPTH + known.size);
        const recommended = recommender
          .recommend(strategy, { userId, ...(itemId !== undefined && { itemId }), numResults })
          .map((item) => item.itemId)
          .filter((item) => !known.has(item))
          .slice(0, DEPTH);
        for (const item of recommended) recommendedItems.add(item);
        sums.precision_at_5 += precisionAt(5, recommended, relevant);
        sums.precision_at_10 += precisionAt(10, recommended, relevant);
        sums.precision_at_25 += precisionAt(25, recommended, relevant);
        sums.normalized_discounted_cumulative_gain_at_5 += ndcgAt(5, recommended, relevant);
        sums.normalized_discounted_cumulative_gain_at_10 += ndcgAt(10, recommended, relevant);
        sums.normalized_discounted_cumulative_gain_at_25 += ndcgAt(25, recommended, relevant);
        sums.mean_reciprocal_rank_at_25 += reciprocalRankAt(25, recommended, relevant);
      }
      const averaged = Object.fromEntries(
        METRIC_NAMES.map((name) => [name, cases.length === 0 ? 0 : sums[name] / cases.length]),
      ) as Record<keyof SolutionMetrics, number>;
      averaged.coverage = recommendedItems.size / catalogSize;
      return [strategy, averaged];
    }),
  ) as Record<Strategy, SolutionMetrics>;

  return {
    metrics,
    testUsers: cases.length,
    trainInteractions: train.length,
    trainingMs: recommender.trainingMs,
  };
}
