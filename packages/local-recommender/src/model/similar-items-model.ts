import type { UserHistories } from "./user-histories";

export interface Neighbor {
  readonly item: number;
  readonly similarity: number;
}

export interface SimilarItemsOptions {
  /** Two interactions of a user this close in time belong to one session. */
  readonly sessionGapSeconds?: number;
  /** Weight of a pair seen in one user's history but not in one session. */
  readonly historyPairWeight?: number;
  /** Neighbours kept per item. */
  readonly neighbors?: number;
  /** Added to the cosine denominator so that pairs of rarely seen items do not dominate. */
  readonly shrinkage?: number;
}

export const DEFAULT_SIMILAR_ITEMS_OPTIONS = {
  sessionGapSeconds: 1800,
  historyPairWeight: 0.1,
  neighbors: 100,
  shrinkage: 5,
} as const satisfies Required<SimilarItemsOptions>;

/**
 * aws-sims: item-to-item co-occurrence within users' histories, strongest within a session,
 * normalised to a shrunk cosine so that popular items do not neighbour everything.
 */
export function trainSimilarItems(
  histories: UserHistories,
  itemCount: number,
  options: SimilarItemsOptions = {},
): Neighbor[][] {
  const { sessionGapSeconds, historyPairWeight, neighbors, shrinkage } = {
    ...DEFAULT_SIMILAR_ITEMS_OPTIONS,
    ...options,
  };
  const occurrences = new Float64Array(itemCount);
  const pairs: Map<number, number>[] = Array.from({ length: itemCount }, () => new Map());
  const addPair = (a: number, b: number, weight: number) => {
    pairs[a]!.set(b, (pairs[a]!.get(b) ?? 0) + weight);
    pairs[b]!.set(a, (pairs[b]!.get(a) ?? 0) + weight);
  };

  for (const [, history] of histories.entries()) {
    // Each distinct item once per user, at its last occurrence: a repeat view is not new evidence.
    const lastSeen = new Map<number, number>();
    for (const event of history) lastSeen.set(event.item, event.timestamp);
    const items = [...lastSeen].sort((a, b) => a[1] - b[1]);
    for (let a = 0; a < items.length; a++) {
      const [itemA, timeA] = items[a]!;
      occurrences[itemA]! += 1;
      for (let b = a + 1; b < items.length; b++) {
        const [itemB, timeB] = items[b]!;
        addPair(itemA, itemB, timeB - timeA <= sessionGapSeconds ? 1 : historyPairWeight);
      }
    }
  }

  return pairs.map((row, item) =>
    [...row]
      .map(([other, weight]) => ({
        item: other,
        similarity: weight / (Math.sqrt(occurrences[item]! * occurrences[other]!) + shrinkage),
      }))
      .sort((x, y) => y.similarity - x.similarity || x.item - y.item)
      .slice(0, neighbors),
  );
}
