import type { Interaction } from "./sample-records";

export interface PopularItemsOptions {
  /** How many items to keep. */
  readonly limit?: number;
  /** An interaction's weight halves every this many days before `now`. */
  readonly halfLifeDays?: number;
  /** Epoch seconds; the newest interaction's time by default, so the result depends on the data only. */
  readonly now?: number;
}

/**
 * The serving fallback's popular items: each interaction counts its event value (a purchase
 * outweighs a view), decayed by age so that what is popular now ranks above what was popular once.
 * Ties go to the smaller item id, so the list is reproducible.
 */
export function computePopularItems(
  interactions: readonly Interaction[],
  options: PopularItemsOptions = {},
): string[] {
  const { limit = 100, halfLifeDays = 30 } = options;
  const now = options.now ?? interactions.reduce((latest, event) => Math.max(latest, event.timestamp), 0);
  const halfLifeSeconds = halfLifeDays * 86_400;
  const scores = new Map<string, number>();
  for (const event of interactions) {
    const weight = event.eventValue * 0.5 ** (Math.max(0, now - event.timestamp) / halfLifeSeconds);
    scores.set(event.itemId, (scores.get(event.itemId) ?? 0) + weight);
  }
  return [...scores]
    .sort(([itemA, scoreA], [itemB, scoreB]) => scoreB - scoreA || (itemA < itemB ? -1 : 1))
    .slice(0, limit)
    .map(([itemId]) => itemId);
}
