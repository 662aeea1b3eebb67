import { describe, expect, it } from "vitest";
import { TtlCache } from "../src/config/ttl-cache";

describe("TtlCache", () => {
  it("shares one load between concurrent misses", async () => {
    const cache = new TtlCache<number>(1000);
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return 7;
    };
    const values = await Promise.all(Array.from({ length: 20 }, () => cache.get("k", load)));
    expect(values).toEqual(Array(20).fill(7));
    expect(loads).toBe(1);
  });

  it("does not keep a failed load", async () => {
    const cache = new TtlCache<number>(60_000);
    await expect(cache.get("k", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await Promise.resolve();
    expect(await cache.get("k", async () => 3)).toBe(3);
  });
});
