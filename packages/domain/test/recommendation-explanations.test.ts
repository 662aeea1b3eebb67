import { describe, expect, it } from "vitest";
import {
  explainItem,
  PERSONALIZE_ITEM_REASONS,
  recommendationReasonSchema,
  type SeedItem,
  type ServedBasis,
} from "../src";

const sims = (seed: SeedItem): ServedBasis => ({
  source: "personalize",
  strategy: "similar-items",
  seed,
});

describe("explainItem", () => {
  it("names the seed item of a similar-items list, with how the user came to it", () => {
    expect(explainItem(sims({ itemId: "item_7", eventType: "purchase" }), {})).toEqual({
      code: "similar_to_interacted",
      item_id: "item_7",
      text: "Because you bought item_7",
    });
    expect(explainItem(sims({ itemId: "item_7", eventType: "add_to_cart" }), {}).text).toBe(
      "Because you added item_7 to your cart",
    );
    expect(explainItem(sims({ itemId: "item_7", eventType: "rate" }), {}).text).toBe(
      "Because you interacted with item_7",
    );
    expect(explainItem(sims({ itemId: "item_7" }), {})).toEqual({
      code: "similar_to_interacted",
      item_id: "item_7",
      text: "Similar to item_7",
    });
  });

  it("calls a popularity item popular in its category only when a filter kept categories", () => {
    const popularity = { source: "personalize", strategy: "popularity" } as const;
    expect(explainItem(popularity, { category: "books" })).toEqual({
      code: "trending",
      text: "Popular with other shoppers",
    });
    expect(explainItem({ ...popularity, categoryFiltered: true }, { category: "books" })).toEqual({
      code: "popular_in_category",
      category: "books",
      text: "Popular in books",
    });
    // An item whose category is unknown cannot be said to be popular in it.
    expect(explainItem({ ...popularity, categoryFiltered: true }, { category: null }).code).toBe("trending");
  });

  it("maps Personalize's per-item reasons of User-Personalization-v2", () => {
    const personal = { source: "personalize", strategy: "user-personalization" } as const;
    expect(explainItem(personal, {}).code).toBe("recent_activity");
    expect(explainItem(personal, { personalizeReasons: [PERSONALIZE_ITEM_REASONS.exploration] }).code).toBe(
      "exploration",
    );
    expect(explainItem(personal, { personalizeReasons: [PERSONALIZE_ITEM_REASONS.popular] }).code).toBe(
      "trending",
    );
    expect(
      explainItem(
        { ...personal, categoryFiltered: true },
        {
          personalizeReasons: [PERSONALIZE_ITEM_REASONS.popular],
          category: "home",
        },
      ),
    ).toMatchObject({ code: "popular_in_category", category: "home" });
  });

  it("marks every fallback item as fallback, whatever else is known", () => {
    expect(explainItem({ source: "fallback" }, { category: "books" })).toEqual({
      code: "fallback",
      text: "Popular across the store",
    });
  });

  it("gives reasons the response contract accepts, and the contract refuses a code it does not know", () => {
    const served: ServedBasis[] = [
      { source: "fallback" },
      { source: "personalize", strategy: "popularity", categoryFiltered: true },
      { source: "personalize", strategy: "user-personalization" },
      sims({ itemId: "i" }),
    ];
    for (const basis of served) {
      expect(recommendationReasonSchema.safeParse(explainItem(basis, { category: "c" })).success).toBe(true);
    }
    expect(recommendationReasonSchema.safeParse({ code: "because", text: "x" }).success).toBe(false);
    expect(recommendationReasonSchema.safeParse({ code: "similar_to_interacted", text: "x" }).success).toBe(
      false,
    );
  });
});
