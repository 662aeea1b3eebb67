import { describe, expect, it } from "vitest";
import { generateSampleData } from "../src/generate-sample-data";
import { computePopularItems } from "../src/popular-items";

const DAY = 86_400;
const event = (itemId: string, eventValue: number, timestamp: number) => ({
  userId: "u",
  itemId,
  eventType: "view",
  timestamp,
  eventValue,
});

describe("computePopularItems", () => {
  it("weights interactions by event value: one purchase outweighs five views", () => {
    const now = 100 * DAY;
    const events = [...Array.from({ length: 5 }, () => event("viewed", 0.1, now)), event("bought", 1.0, now)];
    expect(computePopularItems(events)).toEqual(["bought", "viewed"]);
  });

  it("halves an interaction's weight every half-life, so recent interest wins", () => {
    const now = 100 * DAY;
    const events = [
      event("old", 1.0, now - 60 * DAY),
      event("old", 1.0, now - 60 * DAY),
      event("new", 0.6, now),
    ];
    // old: 2 * 0.25 = 0.5 < new: 0.6 with a 30-day half-life; without decay old would win.
    expect(computePopularItems(events, { halfLifeDays: 30 })).toEqual(["new", "old"]);
    expect(computePopularItems(events, { halfLifeDays: 1e9 })).toEqual(["old", "new"]);
  });

  it("breaks ties by item id and keeps at most `limit` items", () => {
    const events = ["c", "a", "b"].map((itemId) => event(itemId, 0.5, DAY));
    expect(computePopularItems(events, { limit: 2 })).toEqual(["a", "b"]);
  });

  it("returns 100 distinct items of the sample data, all of them interacted with", () => {
    const data = generateSampleData();
    const popular = computePopularItems(data.interactions);
    expect(popular).toHaveLength(100);
    expect(new Set(popular).size).toBe(100);
    const interacted = new Set(data.interactions.map((interaction) => interaction.itemId));
    expect(popular.every((itemId) => interacted.has(itemId))).toBe(true);
  });
});
