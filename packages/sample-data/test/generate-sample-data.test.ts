import { describe, expect, it } from "vitest";
import { toDatasetCsvs } from "../src/dataset-csv";
import { DEFAULT_SAMPLE_DATA_OPTIONS, generateSampleData } from "../src/generate-sample-data";
import { CATEGORIES, EVENT_TYPES } from "../src/sample-records";

const data = generateSampleData();

function share<T>(values: readonly T[], predicate: (value: T) => boolean): number {
  return values.filter(predicate).length / values.length;
}

describe("generateSampleData", () => {
  it("has the recipe's sizes and id formats", () => {
    expect(data.users).toHaveLength(1000);
    expect(data.items).toHaveLength(2000);
    expect(data.interactions).toHaveLength(50_000);
    expect(data.users[1]!.userId).toBe("user_00001");
    expect(data.items[1999]!.itemId).toBe("item_01999");
    const userIds = new Set(data.users.map((user) => user.userId));
    const itemIds = new Set(data.items.map((item) => item.itemId));
    expect(data.interactions.every((event) => userIds.has(event.userId) && itemIds.has(event.itemId))).toBe(
      true,
    );
  });

  it("gives the same seed byte-identical CSVs and another seed different ones", () => {
    const again = toDatasetCsvs(generateSampleData({ seed: DEFAULT_SAMPLE_DATA_OPTIONS.seed }));
    expect(again).toEqual(toDatasetCsvs(data));
    const other = toDatasetCsvs(generateSampleData({ seed: 7 }));
    expect(other.interactions).not.toBe(again.interactions);
    expect(other.users).not.toBe(again.users);
  });

  it("draws the recipe's user and item attributes", () => {
    expect(data.users.every((user) => user.age >= 18 && user.age <= 70)).toBe(true);
    expect(new Set(data.users.map((user) => user.gender))).toEqual(new Set(["M", "F"]));
    expect(new Set(data.users.map((user) => user.subscriptionType))).toEqual(
      new Set(["free", "premium", "enterprise"]),
    );
    expect(new Set(data.items.map((item) => item.category))).toEqual(new Set(CATEGORIES));
    const brands = new Set(data.items.map((item) => item.brand));
    expect(brands.size).toBe(50);
    expect([...brands].every((brand) => /^brand_([1-9]|[1-4][0-9]|50)$/.test(brand))).toBe(true);
    expect(data.items.every((item) => item.price >= 10 && item.price <= 500)).toBe(true);
    expect(data.items.every((item) => Number(item.price.toFixed(2)) === item.price)).toBe(true);
    const end = DEFAULT_SAMPLE_DATA_OPTIONS.endTime;
    expect(
      data.items.every((item) => item.creationTimestamp < end && item.creationTimestamp >= end - 365 * 86400),
    ).toBe(true);
  });

  it("draws event types with the recipe's weights and values", () => {
    for (const { type, weight, value } of EVENT_TYPES) {
      const events = data.interactions.filter((event) => event.eventType === type);
      expect(events.length / data.interactions.length).toBeCloseTo(weight, 2);
      expect(events.every((event) => event.eventValue === value)).toBe(true);
    }
  });

  it("spreads interactions over the 90 days before the end time, in time order", () => {
    const end = DEFAULT_SAMPLE_DATA_OPTIONS.endTime;
    const times = data.interactions.map((event) => event.timestamp);
    expect(times.every((time, index) => index === 0 || time >= times[index - 1]!)).toBe(true);
    expect(times[0]!).toBeGreaterThanOrEqual(end - 90 * 86400);
    expect(times.at(-1)!).toBeLessThan(end);
    expect(times.at(-1)! - times[0]!).toBeGreaterThan(89 * 86400);
  });

  it("gives users category preferences: their top two categories hold most of their events", () => {
    const category = new Map(data.items.map((item) => [item.itemId, item.category]));
    const perUser = new Map<string, Map<string, number>>();
    for (const event of data.interactions) {
      const counts = perUser.get(event.userId) ?? new Map<string, number>();
      const itemCategory = category.get(event.itemId)!;
      counts.set(itemCategory, (counts.get(itemCategory) ?? 0) + 1);
      perUser.set(event.userId, counts);
    }
    const topTwoShares = [...perUser.values()].map((counts) => {
      const sorted = [...counts.values()].sort((a, b) => b - a);
      return (sorted[0]! + (sorted[1] ?? 0)) / sorted.reduce((sum, count) => sum + count, 0);
    });
    const mean = topTwoShares.reduce((sum, value) => sum + value, 0) / topTwoShares.length;
    // Without preferences, two of six categories would hold about a third.
    expect(mean).toBeGreaterThan(0.75);
  });

  it("gives item popularity a long tail: the top 10% of items draw far more than 10% of events", () => {
    const counts = new Map<string, number>();
    for (const event of data.interactions) counts.set(event.itemId, (counts.get(event.itemId) ?? 0) + 1);
    const sorted = [...counts.values()].sort((a, b) => b - a);
    const head = sorted.slice(0, 200).reduce((sum, count) => sum + count, 0);
    expect(head / data.interactions.length).toBeGreaterThan(0.35);
    expect(counts.size).toBeGreaterThan(1500);
  });

  it("builds sessions of related items: a user's events minutes apart stay in one category", () => {
    const category = new Map(data.items.map((item) => [item.itemId, item.category]));
    const last = new Map<string, { timestamp: number; itemId: string }>();
    const sameCategory: boolean[] = [];
    for (const event of data.interactions) {
      const previous = last.get(event.userId);
      if (previous && event.timestamp - previous.timestamp <= 300) {
        sameCategory.push(category.get(previous.itemId) === category.get(event.itemId));
      }
      last.set(event.userId, event);
    }
    expect(sameCategory.length).toBeGreaterThan(30_000);
    expect(share(sameCategory, Boolean)).toBeGreaterThan(0.95);
  });
});
