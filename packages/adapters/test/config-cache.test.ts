import { describe, expect, it } from "vitest";
import { ConfigCache } from "../src/config/config-cache";

/** A loader that answers from `values` (undefined: no record), failing while `failing` is set. */
function loader(values: Map<string, number>) {
  const state = { loads: 0, failing: false };
  const load = async (key: string) => {
    state.loads++;
    await new Promise((resolve) => setTimeout(resolve, 2));
    if (state.failing) throw new Error("DynamoDB unavailable");
    const value = values.get(key);
    return value === undefined ? undefined : { value };
  };
  return { state, load };
}

describe("ConfigCache", () => {
  it("shares one load between concurrent misses", async () => {
    const { state, load } = loader(new Map([["k", 7]]));
    const cache = new ConfigCache(load, { ttlMs: 1000 });
    const values = await Promise.all(Array.from({ length: 20 }, () => cache.get("k")));
    expect(values).toEqual(Array(20).fill({ value: 7 }));
    expect(state.loads).toBe(1);
  });

  it("does not keep a failed first load", async () => {
    const { state, load } = loader(new Map([["k", 3]]));
    const cache = new ConfigCache(load, { ttlMs: 60_000 });
    state.failing = true;
    await expect(cache.get("k")).rejects.toThrow("DynamoDB unavailable");
    state.failing = false;
    expect(await cache.get("k")).toEqual({ value: 3 });
  });

  it("serves the stale record when a refresh fails, and tries again after the pause", async () => {
    let now = 1_000_000;
    const values = new Map([["k", 1]]);
    const { state, load } = loader(values);
    const staleKeys: string[] = [];
    const cache = new ConfigCache(load, {
      ttlMs: 1000,
      staleRetryMs: 500,
      now: () => now,
      onStale: (key) => staleKeys.push(key),
    });
    expect(await cache.get("k")).toEqual({ value: 1 });
    values.set("k", 2);
    state.failing = true;
    now += 1001;
    expect(await cache.get("k")).toEqual({ value: 1 });
    expect(staleKeys).toEqual(["k"]);
    const loadsAfterFailure = state.loads;
    now += 400;
    expect(await cache.get("k")).toEqual({ value: 1 });
    expect(state.loads).toBe(loadsAfterFailure);
    state.failing = false;
    now += 101;
    expect(await cache.get("k")).toEqual({ value: 2 });
  });

  it("remembers a missing record for the short negative TTL only", async () => {
    let now = 1_000_000;
    const values = new Map<string, number>();
    const { state, load } = loader(values);
    const cache = new ConfigCache(load, { ttlMs: 60_000, negativeTtlMs: 5000, now: () => now });
    expect(await cache.get("new_test")).toBeUndefined();
    expect(await cache.get("new_test")).toBeUndefined();
    expect(state.loads).toBe(1);
    values.set("new_test", 9);
    now += 5001;
    expect(await cache.get("new_test")).toEqual({ value: 9 });
  });

  it("holds at most maxEntries whatever names are asked for", async () => {
    const { load } = loader(new Map());
    const cache = new ConfigCache(load, { ttlMs: 60_000, maxEntries: 100 });
    for (let i = 0; i < 2000; i++) await cache.get(`random_${i}`);
    expect(cache.size).toBe(100);
  });

  it("reads every time with a TTL of 0", async () => {
    const { state, load } = loader(new Map([["k", 1]]));
    const cache = new ConfigCache(load, { ttlMs: 0 });
    await cache.get("k");
    await cache.get("k");
    expect(state.loads).toBe(2);
  });
});
