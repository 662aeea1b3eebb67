import type { RecommendationReason } from "./contracts/recommendation-reasons";
import type { Strategy } from "./recipes";

/**
 * The `reason` strings GetRecommendations gives per item (User-Personalization-v2 only; other
 * recipes give none). The local recommender answers with the same strings.
 */
export const PERSONALIZE_ITEM_REASONS = {
  promoted: "Promoted item",
  exploration: "Exploration",
  /** A popular item placed where a filter left the list short; it has no score for the user. */
  popular: "Popular item",
} as const;

/** The item a similar-items list was sought for, and how the user came to it. */
export interface SeedItem {
  readonly itemId: string;
  /** The event type of the user's interaction with it; absent when the request named the item. */
  readonly eventType?: string | undefined;
}

/** What is known about one served list, whatever its items. */
export type ServedBasis =
  | { readonly source: "fallback" }
  | {
      readonly source: "personalize";
      readonly strategy: Strategy;
      readonly seed?: SeedItem | undefined;
      /** A filter kept only some categories, so a popular item is popular within its category. */
      readonly categoryFiltered?: boolean | undefined;
    };

/** What is known about one item of the list. */
export interface ItemBasis {
  /** Personalize's `reason` for the item, as it gave it. */
  readonly personalizeReasons?: readonly string[] | undefined;
  readonly category?: string | null | undefined;
}

const PAST_TENSE: Readonly<Record<string, string>> = {
  view: "viewed",
  purchase: "bought",
  like: "liked",
  share: "shared",
};

function similarTo(seed: SeedItem): RecommendationReason {
  const { itemId, eventType } = seed;
  let text: string;
  if (eventType === undefined) text = `Similar to ${itemId}`;
  else if (eventType === "add_to_cart") text = `Because you added ${itemId} to your cart`;
  else text = `Because you ${PAST_TENSE[eventType] ?? "interacted with"} ${itemId}`;
  return { code: "similar_to_interacted", item_id: itemId, text };
}

function popular(item: ItemBasis, categoryFiltered: boolean): RecommendationReason {
  if (categoryFiltered && item.category) {
    return { code: "popular_in_category", category: item.category, text: `Popular in ${item.category}` };
  }
  return { code: "trending", text: "Popular with other shoppers" };
}

/**
 * Our reason for one served item, from the recipe that chose it and what Personalize said: SIMS
 * lists are similar to their seed item, popularity lists are popular (within the filtered
 * categories, if any), user-personalization items come from the user's recent activity unless
 * Personalize marks them as exploration or popular placeholders.
 */
export function explainItem(served: ServedBasis, item: ItemBasis): RecommendationReason {
  if (served.source === "fallback") return { code: "fallback", text: "Popular across the store" };
  const categoryFiltered = served.categoryFiltered ?? false;
  const given = item.personalizeReasons ?? [];
  if (given.includes(PERSONALIZE_ITEM_REASONS.popular)) return popular(item, categoryFiltered);
  switch (served.strategy) {
    case "similar-items":
      // Personalize needs a seed item for SIMS; without one the list is popular items.
      return served.seed ? similarTo(served.seed) : popular(item, categoryFiltered);
    case "popularity":
      return popular(item, categoryFiltered);
    case "user-personalization":
      if (given.includes(PERSONALIZE_ITEM_REASONS.exploration)) {
        return { code: "exploration", text: "Something new we think you may like" };
      }
      return { code: "recent_activity", text: "Based on your recent activity" };
  }
}
