import type { InterleavedImpression, ListedItemEvent } from "@personalize-ab/domain";
import type { SeededRandom } from "@personalize-ab/statistics";
import { interleavedList } from "../../src/interleaved-list";
import type { Candidate } from "../../src/serve-recommendations";

/**
 * A world of simulated shoppers for interleaving checks: each shopper likes a random share of a
 * pool of items; a ranker of quality q orders the pool by q·liked + standard normal noise (q = 0 is
 * a random order, larger q puts more liked items first); a shopper looks down the list with a
 * falling chance of examining each position and clicks examined items they like far more often
 * than others. Shoppers differ as real ones do: how often they come back (a geometric number of
 * sessions) and how readily they click (a log-normal activity factor); that spread between users
 * is what an A/B test must see through and what interleaving, comparing within each user, avoids.
 */
export interface ShopperWorld {
  readonly poolSize: number;
  readonly likedShare: number;
  readonly listLength: number;
  /** Mean sessions (lists seen) per shopper; at least one. */
  readonly meanSessions: number;
  readonly clickLiked: number;
  readonly clickOther: number;
  /** Standard deviation of the logarithm of a shopper's activity factor. */
  readonly activitySpread: number;
}

export const DEFAULT_WORLD: ShopperWorld = {
  poolSize: 40,
  likedShare: 0.15,
  listLength: 10,
  meanSessions: 3,
  clickLiked: 0.35,
  clickOther: 0.03,
  activitySpread: 1,
};

export interface Shopper {
  readonly userId: string;
  readonly liked: ReadonlySet<string>;
  readonly sessions: number;
  readonly activity: number;
}

function normal(random: SeededRandom): number {
  // Box-Muller; 1 - u keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}

export function newShopper(random: SeededRandom, world: ShopperWorld, userId: string): Shopper {
  const liked = new Set<string>();
  for (let item = 0; item < world.poolSize; item++)
    if (random.next() < world.likedShare) liked.add(`item_${item}`);
  let sessions = 1;
  while (random.next() < 1 - 1 / world.meanSessions) sessions++;
  // Median activity 1 (log-normal): a typical shopper clicks with the world's chances.
  const activity = Math.exp(world.activitySpread * normal(random));
  return { userId, liked, sessions, activity };
}

const SIMULATED_RANKER = { source: "personalize", strategy: "user-personalization" } as const;

/** A ranker's list for a shopper. */
export function rank(
  random: SeededRandom,
  world: ShopperWorld,
  shopper: Shopper,
  quality: number,
): Candidate[] {
  return Array.from({ length: world.poolSize }, (_, item) => {
    const itemId = `item_${item}`;
    return {
      itemId,
      score: (shopper.liked.has(itemId) ? quality : 0) + normal(random),
      basis: SIMULATED_RANKER,
    };
  })
    .sort((a, b) => b.score - a.score)
    .slice(0, world.listLength);
}

/** The items a shopper clicks in a list: position k (from 0) is examined with chance 1/(1 + k/2). */
export function clicks(
  random: SeededRandom,
  world: ShopperWorld,
  shopper: Shopper,
  itemIds: readonly string[],
) {
  return itemIds.filter(
    (itemId, position) =>
      random.next() < 1 / (1 + position / 2) &&
      random.next() < shopper.activity * (shopper.liked.has(itemId) ? world.clickLiked : world.clickOther),
  );
}

/**
 * One shopper's interleaved impressions of two rankers and their clicks, through the serving
 * path's list builder; the recommendation ids (the coin's seed) are derived from `runId`.
 */
export function interleavedSessions(
  random: SeededRandom,
  world: ShopperWorld,
  shopper: Shopper,
  rankers: { readonly a: number; readonly b: number },
  runId: string,
  options: { readonly sameList?: boolean } = {},
) {
  const impressions: InterleavedImpression[] = [];
  const events: ListedItemEvent[] = [];
  for (let session = 0; session < shopper.sessions; session++) {
    const listA = rank(random, world, shopper, rankers.a);
    // A campaign interleaved with itself answers both calls with the same list.
    const listB = options.sameList ? listA : rank(random, world, shopper, rankers.b);
    const { recommendationId, items, teams } = interleavedList(
      [
        { variant: "a", items: listA },
        { variant: "b", items: listB },
      ],
      `interleaved-${runId}-${shopper.userId}-${session}`,
      world.listLength,
    );
    const itemIds = items.map((item) => item.itemId);
    impressions.push({ userId: shopper.userId, recommendationId, itemIds, teams, failed: [] });
    for (const itemId of clicks(random, world, shopper, itemIds)) {
      events.push({ userId: shopper.userId, recommendationId, itemId, eventType: "click", receivedAtMs: 1 });
    }
  }
  return { impressions, events };
}
