import type { Interaction } from "@personalize-ab/sample-data";
import { describe, expect, it } from "vitest";
import { LocalRecommender } from "../src/model/local-recommender";

let clock = 1_000_000;
/** One session per call: events a minute apart. */
function session(userId: string, itemIds: string[]): Interaction[] {
  clock += 86_400;
  return itemIds.map((itemId, index) => ({
    userId,
    itemId,
    eventType: "view",
    timestamp: clock + index * 60,
    eventValue: 0.1,
  }));
}

// Items a1..a3 are bought together, b1..b2 together; "hit" is touched by everyone once, alone.
const interactions = [
  ...session("u1", ["a1", "a2", "a3"]),
  ...session("u2", ["a1", "a2"]),
  ...session("u3", ["a2", "a3"]),
  ...session("u4", ["b1", "b2"]),
  ...session("u5", ["b1", "b2"]),
  ...["u1", "u2", "u3", "u4", "u5", "u6"].flatMap((userId) => session(userId, ["hit"])),
];
const recommender = LocalRecommender.train(interactions, { itemIds: ["never-touched"] });
const ids = (items: { itemId: string }[]) => items.map((item) => item.itemId);

describe("LocalRecommender", () => {
  it("popularity-count ranks by interaction count, ties by first appearance, and skips untouched items", () => {
    const popular = recommender.recommend("popularity", { numResults: 10 });
    expect(ids(popular)).toEqual(["hit", "a2", "a1", "a3", "b1", "b2"]);
    expect(popular[0]!.score).toBeCloseTo(6 / interactions.length);
  });

  it("SIMS returns the items seen with the given one, strongest first, then popular items", () => {
    const similar = ids(recommender.recommend("similar-items", { itemId: "a1", numResults: 4 }));
    expect(similar.slice(0, 2)).toEqual(["a2", "a3"]);
    expect(similar).not.toContain("a1");
    expect(similar).toHaveLength(4);
    expect(ids(recommender.recommend("similar-items", { itemId: "b1", numResults: 1 }))).toEqual(["b2"]);
  });

  it("SIMS answers an unknown item with popular items", () => {
    expect(ids(recommender.recommend("similar-items", { itemId: "nope", numResults: 2 }))).toEqual([
      "hit",
      "a2",
    ]);
  });

  it("user-personalization recommends what goes with the user's items, never the items themselves", () => {
    const forU2 = ids(recommender.recommend("user-personalization", { userId: "u2", numResults: 3 }));
    expect(forU2[0]).toBe("a3");
    expect(forU2).not.toContain("a1");
    expect(forU2).not.toContain("a2");
    expect(forU2).not.toContain("hit");
    const forU4 = ids(recommender.recommend("user-personalization", { userId: "u4", numResults: 1 }));
    expect(forU4).toEqual(["a2"]);
  });

  it("user-personalization falls back to popular items for a user without history", () => {
    expect(ids(recommender.recommend("user-personalization", { userId: "stranger", numResults: 3 }))).toEqual(
      ["hit", "a2", "a1"],
    );
  });

  it("learns from events online: a new user's answer follows their first event", () => {
    const online = LocalRecommender.train(interactions);
    online.recordEvent({
      userId: "newcomer",
      itemId: "b1",
      eventType: "purchase",
      timestamp: clock + 10,
      eventValue: 1,
    });
    expect(ids(online.recommend("user-personalization", { userId: "newcomer", numResults: 1 }))).toEqual([
      "b2",
    ]);
    online.recordEvent({
      userId: "newcomer",
      itemId: "brand-new-item",
      eventType: "view",
      timestamp: clock + 20,
      eventValue: 1,
    });
    expect(online.lastItemOf("newcomer")).toBe("brand-new-item");
    expect(online.recommend("user-personalization", { userId: "newcomer", numResults: 5 })).toHaveLength(5);
  });

  it("ranks an input list by the user's affinity, unknown items last in input order", () => {
    const ranked = ids(recommender.rank("user-personalization", "u2", ["zz", "b1", "a3", "yy"]));
    expect(ranked).toEqual(["a3", "b1", "zz", "yy"]);
    expect(ids(recommender.rank("popularity", "u2", ["b2", "hit", "a2"]))).toEqual(["hit", "a2", "b2"]);
  });

  it("reports how long training took", () => {
    expect(recommender.trainingMs).toBeGreaterThan(0);
    expect(recommender.itemCount).toBe(7);
  });
});
