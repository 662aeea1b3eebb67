import {
  analyseInterleaving,
  type InterleavedImpression,
  type ListedItemEvent,
} from "@personalize-ab/domain";
import { SeededRandom } from "@personalize-ab/statistics";
import { describe, expect, it } from "vitest";
import { DEFAULT_WORLD, interleavedSessions, newShopper } from "./support/simulated-shoppers";

/** One seeded run: `shoppers` shoppers see two rankers interleaved; the pair's result. */
function run(
  random: SeededRandom,
  runId: string,
  shoppers: number,
  rankers: { a: number; b: number },
  sameList: boolean,
) {
  const impressions: InterleavedImpression[] = [];
  const events: ListedItemEvent[] = [];
  for (let user = 0; user < shoppers; user++) {
    const shopper = newShopper(random, DEFAULT_WORLD, `u${user}`);
    const sessions = interleavedSessions(random, DEFAULT_WORLD, shopper, rankers, runId, { sameList });
    impressions.push(...sessions.impressions);
    events.push(...sessions.events);
  }
  return analyseInterleaving(["a", "b"], impressions, events).pairs[0]!;
}

describe("interleaving through the serving list builder and the crediting", () => {
  // At α = 0.05 a calibrated test finds a preference in 5 % of A/A runs: "no preference in 95 %"
  // holds up to sampling noise, so the check is that false preferences are no more frequent than
  // the level allows (5 % + 3 standard errors) and not absent (the test can fire at all).
  it("A/A: a campaign interleaved with itself shows no preference in about 95 % of seeded runs", () => {
    const seed = 14_2026;
    console.log(`interleaving A/A seed ${seed}`);
    const random = new SeededRandom(seed);
    const runs = 1000;
    let noPreference = 0;
    let users = 0;
    for (let index = 0; index < runs; index++) {
      const pair = run(random, `aa${index}`, 60, { a: 1.5, b: 1.5 }, true);
      users += pair.users;
      if (!pair.significant) noPreference++;
    }
    const share = noPreference / runs;
    console.log(
      `interleaving A/A: no preference in ${noPreference}/${runs} runs (${(share * 100).toFixed(1)} %), ` +
        `${(users / runs).toFixed(1)} credited users of 60 per run`,
    );
    const se = Math.sqrt((0.05 * 0.95) / runs);
    expect(share).toBeGreaterThanOrEqual(0.95 - 3 * se);
    expect(share).toBeLessThan(1);
  }, 120_000);

  it("finds the better ranker with the same shoppers, and in its direction", () => {
    const seed = 14_2027;
    console.log(`interleaving better-ranker seed ${seed}`);
    const pair = run(new SeededRandom(seed), "better", 400, { a: 2, b: 1 }, false);
    console.log(`better ranker a vs b: preference ${pair.preference.toFixed(3)} p ${pair.p_value}`);
    expect(pair).toMatchObject({ significant: true, favours: "a" });
  });
});
