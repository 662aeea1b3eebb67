import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SimulationOptionError } from "../src/option-error";
import { simulateExperiment, simulateInterleaving } from "../src/simulate";
import { parseSimulationArgs } from "../src/simulation-options";
import { type RecordingPlatform, startRecordingPlatform } from "./support/recording-platform";

const TEST = "rankers";
const VARIANTS = ["variant_a", "variant_b"];
const RATES = { variant_a: 0.1, variant_b: 0.3 };
const SEED = 23;
const USERS = 800;

interface ShownTo {
  readonly recommendationId: string;
  readonly itemIds: string[];
  readonly contributedBy: string[];
  readonly failed: string[];
}

// What the stand-in showed each user. Lists differ in length (some shorter than num_results), one
// user in ten has variant_b failed (variant_a's list alone) and one in 25 gets the popular fallback.
const shownTo = new Map<string, ShownTo>();
// Changes every item id the stand-in lists, leaving lengths and contributors as they are.
let itemSalt = "";

function answerInterleaved(body: Record<string, unknown>) {
  const userId = String(body.user_id);
  const bytes = createHash("sha256").update(userId).digest();
  const length = Math.min(Number(body.num_results), 3 + (bytes[0]! % 8));
  const fromFallback = bytes[1]! % 25 === 0;
  const bFailed = !fromFallback && bytes[2]! % 10 === 0;
  const itemIds = Array.from({ length }, (_, position) => `${itemSalt}${userId}-item-${position}`);
  const contributedBy = fromFallback
    ? []
    : itemIds.map((_, position) => (bFailed || bytes[3 + position]! % 2 === 0 ? "variant_a" : "variant_b"));
  const failed = fromFallback ? VARIANTS : bFailed ? ["variant_b"] : [];
  const recommendationId = `interleaved-${itemSalt}${userId}`;
  shownTo.set(userId, { recommendationId, itemIds, contributedBy, failed });
  return {
    user_id: userId,
    test_name: TEST,
    variant: "interleaved",
    status: "active",
    algorithm: "stand-in team draft",
    recommendation_id: recommendationId,
    recommendations: itemIds.map((item_id) => ({
      item_id,
      score: null,
      category: null,
      price: 9.5,
      brand: null,
      reason: { code: "trending", text: "Trending" },
    })),
    source: fromFallback ? "fallback" : "personalize",
    timestamp: new Date().toISOString(),
    interleaving: {
      variants: VARIANTS,
      contributed_by: contributedBy,
      failed: failed.map((variant) => ({ variant, reason: "timeout" })),
    },
  };
}

// Any other test is an A/B test: variant_a's list of two items.
function answer(body: Record<string, unknown>) {
  if (body.test_name === TEST) return answerInterleaved(body);
  return {
    ...answerInterleaved(body),
    test_name: body.test_name,
    variant: "variant_a",
    recommendation_id: `rec-${String(body.user_id)}`,
    interleaving: undefined,
  };
}

let platform: RecordingPlatform;
beforeAll(async () => {
  platform = await startRecordingPlatform(answer);
});
afterAll(() => platform.close());

const run = (extra: string[] = [], users = USERS) =>
  parseSimulationArgs([
    ...["--url", platform.url, "--test", TEST, "--users", String(users), "--seed", String(SEED)],
    ...extra,
  ]).options;
const itemClick = ["--item-click", `variant_a=${RATES.variant_a},variant_b=${RATES.variant_b}`];

/** Click events that name an item their recommendation did not list, or a list that was not this user's. */
function unlistedClicks(events: readonly Record<string, unknown>[]) {
  return events.filter((event) => {
    const shown = shownTo.get(String(event.user_id));
    return (
      shown === undefined ||
      event.recommendation_id !== shown.recommendationId ||
      !shown.itemIds.includes(String(event.item_id))
    );
  });
}

describe("an interleaving experiment's simulated users", () => {
  it("click listed items at their contributor's rate, and the truth is what went over the wire", async () => {
    console.log(`interleaving simulation seed ${SEED}`);
    platform.received.length = 0;
    const truth = await simulateInterleaving(run([...itemClick, "--concurrency", "16"]));
    const events = platform.eventsReceived();

    expect(events.length).toBeGreaterThan(0);
    expect(unlistedClicks(events)).toEqual([]);
    const eventIds = events.map((event) => event.event_id);
    expect(new Set(eventIds).size).toBe(events.length);
    for (const event of events) {
      const shown = shownTo.get(String(event.user_id))!;
      expect(event.event_type).toBe("click");
      expect(event.event_id).toBe(
        `sim-${SEED}-${String(event.user_id)}-click-${shown.itemIds.indexOf(String(event.item_id)) + 1}`,
      );
    }

    // Recounted from the wire and from what the stand-in showed, with no code of the simulator's.
    const clicked = new Map<string, Set<string>>();
    for (const event of events) {
      const items = clicked.get(String(event.user_id)) ?? new Set<string>();
      items.add(String(event.item_id));
      clicked.set(String(event.user_id), items);
    }
    const users = [...shownTo.keys()].filter((user) => user.startsWith(`sim_${SEED}_`));
    const lists = users.map((user) => shownTo.get(user)!);
    expect(lists.length).toBe(USERS);
    expect(truth.impressions).toBe(USERS);
    expect(truth.clicked_impressions).toBe(clicked.size);
    expect(truth.fallback_impressions).toBe(lists.filter((list) => list.failed.length === 2).length);
    expect(truth.fallback_impressions).toBeGreaterThan(0);
    expect(truth.failures).toEqual({
      variant_a: truth.fallback_impressions,
      variant_b: lists.filter((list) => list.failed.includes("variant_b")).length,
    });
    const fallbackClicks = users.filter(
      (user) => shownTo.get(user)!.contributedBy.length === 0 && clicked.has(user),
    );
    expect(fallbackClicks).toEqual([]);

    for (const variant of VARIANTS) {
      let shownItems = 0;
      let clickedItems = 0;
      for (const user of users) {
        const { itemIds, contributedBy } = shownTo.get(user)!;
        contributedBy.forEach((contributor, position) => {
          if (contributor !== variant) return;
          shownItems += 1;
          if (clicked.get(user)?.has(itemIds[position]!)) clickedItems += 1;
        });
      }
      expect(truth.items[variant]).toEqual({ shown: shownItems, clicked: clickedItems });
      // Each item is an independent Bernoulli draw at the contributor's rate: 4 standard errors.
      const rate = RATES[variant as keyof typeof RATES];
      const tolerance = 4 * Math.sqrt((rate * (1 - rate)) / shownItems);
      console.log(
        `${variant}: ${clickedItems}/${shownItems} clicked (rate ${rate} ± ${tolerance.toFixed(4)})`,
      );
      expect(Math.abs(clickedItems / shownItems - rate)).toBeLessThan(tolerance);
    }

    // The pair's credits by plain counting: more clicks on a's items than on b's is a win for a.
    let wins = 0;
    let losses = 0;
    let ties = 0;
    for (const user of users) {
      const { itemIds, contributedBy, failed } = shownTo.get(user)!;
      if (failed.length > 0) continue;
      const clicksOf = (variant: string) =>
        itemIds.filter(
          (item, position) => contributedBy[position] === variant && clicked.get(user)?.has(item),
        ).length;
      const [a, b] = [clicksOf("variant_a"), clicksOf("variant_b")];
      if (a + b === 0) continue;
      if (a > b) wins += 1;
      else if (b > a) losses += 1;
      else ties += 1;
    }
    expect(truth.pairs).toHaveLength(1);
    const [pair] = truth.pairs;
    expect(pair).toMatchObject({
      a: "variant_a",
      b: "variant_b",
      wins,
      losses,
      ties,
      users: wins + losses + ties,
    });
    expect(pair!.preference).toBeCloseTo((wins - losses) / (wins + losses + ties), 12);
    expect(pair!.preference).toBeLessThan(0);
  });

  it("would report a click on an item its list did not show", () => {
    answerInterleaved({ user_id: "planted_user", num_results: 10 });
    const { recommendationId, itemIds } = shownTo.get("planted_user")!;
    const listed = { user_id: "planted_user", recommendation_id: recommendationId, item_id: itemIds[0] };
    const planted = { ...listed, item_id: "never-listed" };
    expect(unlistedClicks([listed, planted])).toEqual([planted]);
  });

  it("give the same truth for a seed whatever the concurrency", async () => {
    const one = await simulateInterleaving(run([...itemClick, "--concurrency", "1"], 300));
    const many = await simulateInterleaving(run([...itemClick, "--concurrency", "32"], 300));
    expect(many).toEqual(one);
  });

  it("click the same positions whatever items the platform lists there", async () => {
    const clicks = async () => {
      platform.received.length = 0;
      await simulateInterleaving(run(itemClick, 300));
      return platform.eventsReceived();
    };
    const before = await clicks();
    itemSalt = "renamed-";
    const after = await clicks().finally(() => {
      itemSalt = "";
    });
    expect(after.map((event) => event.event_id).sort()).toEqual(before.map((event) => event.event_id).sort());
    const itemsBefore = new Set(before.map((event) => event.item_id));
    expect(after.filter((event) => itemsBefore.has(event.item_id))).toEqual([]);
  });

  it("are detected from the answer when no option names the kind: enrolled, nothing clicked", async () => {
    platform.received.length = 0;
    const truth = await simulateExperiment(run([], 50));
    expect(truth).toMatchObject({ kind: "interleaving", impressions: 50, clicked_impressions: 0 });
    expect(platform.eventsReceived()).toEqual([]);
  });

  it.each([
    [
      "A/B options against an interleaving experiment",
      ["--purchase", "0.5"],
      `--item-click: ${TEST} is an interleaving experiment (POST /recommendations answered variant "interleaved"): give its click rates with --item-click`,
      TEST,
    ],
    [
      "--item-click against an A/B test",
      itemClick,
      '--item-click: ab_test answered variant "variant_a" (status active), not an interleaved list',
      "ab_test",
    ],
  ])(
    "refuse %s with the first answer, having enrolled one user and sent nothing",
    async (_, extra, message, test) => {
      platform.received.length = 0;
      const options = { ...run(extra, 40), testName: test };
      const refused = await simulateExperiment(options).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(SimulationOptionError);
      expect((refused as Error).message).toContain(message);
      expect(platform.received.map((request) => request.path)).toEqual(["/recommendations"]);
    },
  );
});
