import { interleavingPreference } from "@personalize-ab/statistics";
import { describe, expect, it } from "vitest";
import { analyseInterleaving, type InterleavedImpression, type ListedItemEvent } from "../src";

const VARIANTS = ["current", "candidate"];

function impression(userId: string, recommendationId: string, failed: string[] = []): InterleavedImpression {
  return {
    userId,
    recommendationId,
    itemIds: ["a1", "b1", "a2", "b2"],
    teams: ["current", "candidate", "current", "candidate"],
    failed,
  };
}

function click(
  userId: string,
  recommendationId: string,
  itemId: string,
  eventType = "view",
  receivedAtMs = 10,
) {
  return { userId, recommendationId, itemId, eventType, receivedAtMs } satisfies ListedItemEvent;
}

const pairOf = (impressions: InterleavedImpression[], events: ListedItemEvent[]) =>
  analyseInterleaving(VARIANTS, impressions, events).pairs[0]!;

describe("interleaving credit per impression", () => {
  it.each([
    ["a click on the current ranker's item is a win", [click("u", "r", "a1")], [1, 0, 0]],
    [
      "more clicks on current's items than candidate's is a win",
      [click("u", "r", "a1"), click("u", "r", "a2"), click("u", "r", "b1")],
      [1, 0, 0],
    ],
    ["a click on the candidate's item is a loss", [click("u", "r", "b2")], [0, 1, 0]],
    ["one click on each is a tie", [click("u", "r", "a1"), click("u", "r", "b1")], [0, 0, 1]],
    ["no click says nothing", [], [0, 0, 0]],
    [
      "a click on an item not in the list is not a click on the list",
      [click("u", "r", "elsewhere")],
      [0, 0, 0],
    ],
    [
      "another user's event with the recommendation id is not this user's click",
      [click("someone-else", "r", "a1")],
      [0, 0, 0],
    ],
    ["an event type that is not a click does not count", [click("u", "r", "a1", "rate")], [0, 0, 0]],
    [
      "the same item clicked twice (a retry, or view then purchase) counts once",
      [click("u", "r", "b1"), click("u", "r", "b1", "purchase"), click("u", "r", "a1")],
      [0, 0, 1],
    ],
  ])("%s", (_, events, [wins, losses, ties]) => {
    const pair = pairOf([impression("u", "r")], events);
    expect({ wins: pair.wins, losses: pair.losses, ties: pair.ties }).toEqual({ wins, losses, ties });
  });

  it("leaves out an impression a variant of the pair failed for, and counts the failure", () => {
    const analysis = analyseInterleaving(
      VARIANTS,
      [impression("u", "r", ["candidate"])],
      [click("u", "r", "a1")],
    );
    expect(analysis.pairs[0]).toMatchObject({ wins: 0, losses: 0, ties: 0, users: 0 });
    expect(analysis.failures).toEqual({ current: 0, candidate: 1 });
    expect(analysis.clicked_impressions).toBe(1);
  });

  it("counts only clicks received while the experiment was active", () => {
    const activeSpans = [{ started_at: 0, ended_at: 100 }, { started_at: 200 }];
    const events = [click("u", "r", "a1", "view", 150), click("u", "r", "b1", "view", 250)];
    const pair = analyseInterleaving(VARIANTS, [impression("u", "r")], events, { activeSpans }).pairs[0]!;
    expect({ wins: pair.wins, losses: pair.losses }).toEqual({ wins: 0, losses: 1 });
  });

  it("credits each pair of a multileaved list on its own items", () => {
    const three: InterleavedImpression = {
      userId: "u",
      recommendationId: "r",
      itemIds: ["x", "y", "z"],
      teams: ["a", "b", "c"],
      failed: [],
    };
    const analysis = analyseInterleaving(["a", "b", "c"], [three], [click("u", "r", "z")]);
    expect(analysis.pairs.map((pair) => [pair.a, pair.b, pair.wins, pair.losses, pair.ties])).toEqual([
      ["a", "b", 0, 0, 0],
      ["a", "c", 0, 1, 0],
      ["b", "c", 0, 1, 0],
    ]);
  });
});

describe("interleaving results per pair", () => {
  it("is the statistics package's per-user preference over users, naming the variant it favours", () => {
    // Ten users: nine prefer current (one win each), one prefers the candidate.
    const impressions = Array.from({ length: 10 }, (_, user) => impression(`u${user}`, `r${user}`));
    const events = impressions.map((shown, user) =>
      click(shown.userId, shown.recommendationId, user < 9 ? "a1" : "b1"),
    );
    const pair = pairOf(impressions, events);
    const expected = interleavingPreference([
      ...Array.from({ length: 9 }, () => ({ wins: 1, losses: 0, ties: 0 })),
      ...Array.from({ length: 1 }, () => ({ wins: 0, losses: 1, ties: 0 })),
    ]);
    expect(pair).toMatchObject({ a: "current", b: "candidate", ...expected, wins: 9, losses: 1, ties: 0 });
    expect(pair.preference).toBeCloseTo(0.8, 12);
    expect(pair).toMatchObject({ significant: true, favours: "current" });
    expect(pair.ci[0]).toBeGreaterThan(0);
  });

  it("weighs users, not clicks: a heavy clicker is one user", () => {
    const impressions = [
      ...Array.from({ length: 30 }, (_, n) => impression("heavy", `h${n}`)),
      impression("light-1", "l1"),
      impression("light-2", "l2"),
    ];
    const events = [
      ...Array.from({ length: 30 }, (_, n) => click("heavy", `h${n}`, "a1")),
      click("light-1", "l1", "b1"),
      click("light-2", "l2", "b1"),
    ];
    const pair = pairOf(impressions, events);
    expect(pair).toMatchObject({
      users: 3,
      wins: 30,
      losses: 2,
      users_preferring: { a: 1, b: 2, neither: 0 },
    });
    expect(pair.preference).toBeCloseTo(-1 / 3, 12);
  });
});
