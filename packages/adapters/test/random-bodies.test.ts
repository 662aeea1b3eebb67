import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_RANDOM_BODIES_SEED, postRandomBodies, randomBodiesSeed } from "../src/testing/random-bodies";

describe("seeded random bodies", () => {
  it("uses the fixed seed unless RANDOM_BODIES_SEED names another", () => {
    expect(randomBodiesSeed({})).toBe(DEFAULT_RANDOM_BODIES_SEED);
    expect(randomBodiesSeed({ RANDOM_BODIES_SEED: "42" })).toBe(42);
    expect(() => randomBodiesSeed({ RANDOM_BODIES_SEED: "soon" })).toThrow(/must be an integer/);
  });

  it("posts the same bodies for the same seed", async () => {
    const bodiesOf = async (seed: number) => {
      const bodies: string[] = [];
      await postRandomBodies(
        async (raw) => {
          bodies.push(raw);
          return { status: 400, body: {} };
        },
        fc.nat(),
        50,
        seed,
      );
      return bodies;
    };
    expect(await bodiesOf(7)).toEqual(await bodiesOf(7));
    expect(await bodiesOf(7)).not.toEqual(await bodiesOf(8));
  });

  it("fails on a planted 5xx and names the seed to replay it", async () => {
    const planted = postRandomBodies(
      async (raw) => ({ status: raw.includes("1") ? 500 : 202, body: {} }),
      fc.nat(),
      100,
      99,
    );
    await expect(planted).rejects.toThrow(/seed: 99/);
  });
});
