import { describe, expect, it } from "vitest";
import {
  creditImpression,
  type InterleavedList,
  interleavingPreference,
  preferenceOfSums,
  preferenceSumsOf,
  teamDraftInterleave,
  type UserCredits,
  userPreference,
} from "../src";
import { SeededRandom } from "../src/seeded-random";

const A = ["a1", "a2", "a3", "a4"];
const B = ["b1", "a1", "b2", "a3"];

describe("team-draft interleaving", () => {
  it("the team with fewer picks adds its best unused item; the coin decides a tie", () => {
    // random() = 0 gives every tie to the first ranking.
    // B's ranking is used up after a3, so the list stops there.
    expect(teamDraftInterleave([A, B], () => 0)).toEqual({
      items: ["a1", "b1", "a2", "b2", "a3"],
      teams: [0, 1, 0, 1, 0],
    });
    // random() ≈ 1 gives every tie to the second: B picks b1, then A its a1, and so on.
    expect(teamDraftInterleave([A, B], () => 0.999)).toEqual({
      items: ["b1", "a1", "b2", "a2", "a3"],
      teams: [1, 0, 1, 0, 1],
    });
  });

  it("skips items the other team already placed and stops when a ranking runs out", () => {
    const list = teamDraftInterleave(
      [
        ["x", "y"],
        ["x", "z", "w"],
      ],
      () => 0,
    );
    expect(list).toEqual({ items: ["x", "z", "y"], teams: [0, 1, 0] });
    expect(teamDraftInterleave([["x"], ["x"]], () => 0)).toEqual({ items: ["x"], teams: [0] });
  });

  it("honours the list length", () => {
    expect(teamDraftInterleave([A, B], () => 0, 3).items).toEqual(["a1", "b1", "a2"]);
  });

  it("keeps the teams within one pick of each other, with no duplicates, over seeded draws", () => {
    const seed = 20261201;
    console.log(`team-draft balance seed ${seed}`);
    const random = new SeededRandom(seed);
    const pool = Array.from({ length: 30 }, (_, i) => `item_${i}`);
    for (let run = 0; run < 500; run++) {
      const rankings = [0, 1, 2].map(() => [...pool].sort(() => random.next() - 0.5).slice(0, 10));
      const list = teamDraftInterleave(rankings, () => random.next(), 10);
      expect(new Set(list.items).size).toBe(list.items.length);
      const picks = [0, 1, 2].map((team) => list.teams.filter((t) => t === team).length);
      expect(Math.max(...picks) - Math.min(...picks)).toBeLessThanOrEqual(1);
      for (const [i, item] of list.items.entries()) expect(rankings[list.teams[i]!]).toContain(item);
    }
  });

  it("is reproducible from its seed", () => {
    const draw = (seed: number) => {
      const random = new SeededRandom(seed);
      return teamDraftInterleave([A, B], () => random.next());
    };
    expect(draw(7)).toEqual(draw(7));
  });
});

describe("impression credit", () => {
  const list: InterleavedList = { items: ["a1", "b1", "a2", "b2"], teams: [0, 1, 0, 1] };

  it.each([
    [["a1"], "win", [1, 0]],
    [["a1", "a2", "b1"], "win", [2, 1]],
    [["b2"], "loss", [0, 1]],
    [["a1", "b1"], "tie", [1, 1]],
    [[], "tie", [0, 0]],
    [["not_listed", "b1"], "loss", [0, 1]],
  ])("clicks on %j: %s", (clicks, credit, counts) => {
    expect(creditImpression(list, clicks)).toEqual({ credit, clicks: counts });
  });

  it("credits a pair of teams within a multileaved list", () => {
    const three: InterleavedList = { items: ["x", "y", "z"], teams: [0, 1, 2] };
    expect(creditImpression(three, ["z"], 2, 0).credit).toBe("win");
    expect(creditImpression(three, ["z"], 0, 1).credit).toBe("tie");
  });
});

describe("per-user preference", () => {
  it("is the share of wins minus the share of losses", () => {
    expect(userPreference({ wins: 3, losses: 1, ties: 1 })).toBe(0.4);
    expect(userPreference({ wins: 0, losses: 0, ties: 0 })).toBeNull();
  });

  it("tests over users, so one heavy clicker does not outvote the rest", () => {
    const users: UserCredits[] = [
      { wins: 500, losses: 0, ties: 0 },
      ...Array.from({ length: 20 }, (_, i) => ({ wins: i % 2, losses: 1 - (i % 2), ties: 0 })),
    ];
    const result = interleavingPreference(users);
    expect(result.users).toBe(21);
    expect(result.significant).toBe(false);
    expect(result.users_preferring).toEqual({ a: 11, b: 10, neither: 0 });
  });

  it("unanimous users are significant, a single user is not", () => {
    expect(
      interleavingPreference([
        { wins: 1, losses: 0, ties: 0 },
        { wins: 2, losses: 0, ties: 0 },
      ]).significant,
    ).toBe(true);
    expect(interleavingPreference([{ wins: 9, losses: 0, ties: 0 }]).significant).toBe(false);
  });
});

describe("preference from sums", () => {
  // Preferences 0.4, −1, 1, 0, 2/3, −0.25, 1, −1/3, 1/3; the user with no clicked impression is
  // not a user of the test. Reference: scipy.stats.ttest_1samp(preferences, 0) with its 95 %
  // confidence_interval (scipy 1.17.1).
  const credits: UserCredits[] = [
    [3, 1, 1],
    [0, 2, 0],
    [1, 0, 0],
    [1, 1, 1],
    [2, 0, 1],
    [0, 1, 3],
    [4, 0, 0],
    [0, 0, 0],
    [1, 2, 0],
    [2, 1, 0],
  ].map(([wins, losses, ties]) => ({ wins: wins!, losses: losses!, ties: ties! }));
  const reference = {
    users: 9,
    preference: 0.20185185185185184,
    ci: [-0.30820364437270775, 0.7119073480764114],
    p_value: 0.38813231072427573,
  };
  const preferences = [0.4, -1, 1, 0, 2 / 3, -0.25, 1, -1 / 3, 1 / 3];

  it("sums each user with a credited impression once, and counts who prefers which side", () => {
    const sums = preferenceSumsOf(credits);
    expect(sums).toMatchObject({ users: 9, prefer_a: 5, prefer_b: 3, prefer_neither: 1 });
    expect(sums.sum).toBeCloseTo(
      preferences.reduce((total, value) => total + value, 0),
      14,
    );
    expect(sums.sum_squares).toBeCloseTo(
      preferences.reduce((total, value) => total + value * value, 0),
      14,
    );
    expect(preferenceSumsOf([])).toEqual({
      users: 0,
      sum: 0,
      sum_squares: 0,
      prefer_a: 0,
      prefer_b: 0,
      prefer_neither: 0,
    });
  });

  it("per-user credits and their sums give the reference one-sample t test", () => {
    const sums = {
      users: 9,
      sum: preferences.reduce((total, value) => total + value, 0),
      sum_squares: preferences.reduce((total, value) => total + value * value, 0),
      prefer_a: 5,
      prefer_b: 3,
      prefer_neither: 1,
    };
    for (const result of [interleavingPreference(credits), preferenceOfSums(sums)]) {
      expect(result.users).toBe(reference.users);
      expect(result.users_preferring).toEqual({ a: 5, b: 3, neither: 1 });
      expect(result.preference).toBeCloseTo(reference.preference, 14);
      expect(result.ci[0]).toBeCloseTo(reference.ci[0]!, 12);
      expect(result.ci[1]).toBeCloseTo(reference.ci[1]!, 12);
      expect(result.p_value).toBeCloseTo(reference.p_value, 12);
      expect(result.significant).toBe(false);
    }
  });

  it("reads equal preferences whose sums carry rounding as unanimous", () => {
    const sums = preferenceSumsOf(Array.from({ length: 7 }, () => ({ wins: 2, losses: 1, ties: 0 })));
    // 7 × (1/3)² summed is not exactly (7 × 1/3)²/7: without the rounding guard the spread
    // would be a tiny positive variance rather than none.
    expect(preferenceOfSums(sums)).toMatchObject({ p_value: 0, significant: true, users: 7 });
    expect(preferenceOfSums(sums).ci[0]).toBe(preferenceOfSums(sums).ci[1]);
  });
});

/** Simulated users: a position-biased click model over the interleaved list. */
function simulateUsers(
  random: SeededRandom,
  rankings: readonly (readonly string[])[],
  relevant: ReadonlySet<string>,
  users: number,
): UserCredits[] {
  return Array.from({ length: users }, () => {
    const credits = { wins: 0, losses: 0, ties: 0 };
    for (let impression = 0; impression < 3; impression++) {
      const list = teamDraftInterleave(rankings, () => random.next(), 6);
      const clicks = list.items.filter(
        (item, position) => random.next() < (relevant.has(item) ? 0.3 : 0.05) / (1 + position * 0.5),
      );
      if (clicks.length === 0) continue;
      const { credit } = creditImpression(list, clicks);
      if (credit === "win") credits.wins++;
      else if (credit === "loss") credits.losses++;
      else credits.ties++;
    }
    return credits;
  });
}

describe("interleaving analysis by simulation", () => {
  const ranking = ["i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8"];
  const relevant = new Set(["i1", "i3", "i4", "i7"]);

  // At α = 0.05 a calibrated test finds a preference in 5 % of A/A runs, so the share without
  // one is 95 % up to sampling noise: the check is that the test holds its level.
  it("A/A: a ranking interleaved with itself shows a preference in 5 % ± 1.5 % of runs, not more", () => {
    const seed = 1417;
    console.log(`interleaving A/A seed ${seed}`);
    const random = new SeededRandom(seed);
    const runs = 2000;
    let noPreference = 0;
    for (let run = 0; run < runs; run++) {
      if (!interleavingPreference(simulateUsers(random, [ranking, ranking], relevant, 50)).significant)
        noPreference++;
    }
    console.log(
      `interleaving A/A: no preference in ${noPreference}/${runs} runs (${((noPreference / runs) * 100).toFixed(2)} %)`,
    );
    expect(noPreference / runs).toBeGreaterThanOrEqual(0.935);
    expect(noPreference / runs).toBeLessThanOrEqual(0.965);
  }, 60_000);

  it("detects the ranker that puts relevant items first", () => {
    const seed = 2718;
    console.log(`interleaving sensitivity seed ${seed}`);
    const random = new SeededRandom(seed);
    const better = ["i1", "i3", "i4", "i7", "i2", "i5", "i6", "i8"];
    const result = interleavingPreference(simulateUsers(random, [better, ranking], relevant, 400));
    console.log(
      `interleaving better-vs-base preference ${result.preference} CI ${result.ci.join(", ")} p ${result.p_value}`,
    );
    expect(result.significant).toBe(true);
    expect(result.preference).toBeGreaterThan(0);
  });
});
