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
  // Each user's distinct items, at their last occurrence: a repeat view is not new evidence.
  const userItems: { items: number[]; times: number[] }[] = [];
  const itemUsers: { users: number[]; times: number[] }[] = Array.from({ length: itemCount }, () => ({
    users: [],
    times: [],
  }));
  for (const [, history] of histories.entries()) {
    const lastSeen = new Map<number, number>();
    for (const event of history) lastSeen.set(event.item, event.timestamp);
    const user = userItems.length;
    userItems.push({ items: [...lastSeen.keys()], times: [...lastSeen.values()] });
    for (const [item, time] of lastSeen) {
      itemUsers[item]!.users.push(user);
      itemUsers[item]!.times.push(time);
    }
  }

  // One item's co-occurrence row at a time in a dense scratch array: no map per pair.
  const weights = new Float64Array(itemCount);
  const touched: number[] = [];
  return itemUsers.map(({ users, times }, item) => {
    touched.length = 0;
    for (let at = 0; at < users.length; at++) {
      const time = times[at]!;
      const other = userItems[users[at]!]!;
      for (let k = 0; k < other.items.length; k++) {
        const neighbor = other.items[k]!;
        if (neighbor === item) continue;
        if (weights[neighbor] === 0) touched.push(neighbor);
        weights[neighbor]! += Math.abs(other.times[k]! - time) <= sessionGapSeconds ? 1 : historyPairWeight;
      }
    }
    const row = touched.map((neighbor) => ({
      item: neighbor,
      similarity:
        weights[neighbor]! / (Math.sqrt(users.length * itemUsers[neighbor]!.users.length) + shrinkage),
    }));
    for (const neighbor of touched) weights[neighbor] = 0;
    return row.sort((x, y) => y.similarity - x.similarity || x.item - y.item).slice(0, neighbors);
  });
}
