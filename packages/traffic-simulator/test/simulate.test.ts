import { assignVariant, DEFAULT_EXPERIMENT } from "@personalize-ab/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulate } from "../src/simulate";
import { parseSimulationArgs } from "../src/simulation-options";
import { type RecordingPlatform, startRecordingPlatform } from "./support/recording-platform";

// A stand-in for the platform that serves each user the hash's variant and records every request,
// so the ground truth can be checked against what actually went over the wire.
const served = new Map<string, { recommendation_id: string; items: { item_id: string; price: number }[] }>();
function answerAb(body: Record<string, unknown>) {
  const userId = String(body.user_id);
  const variant = assignVariant(userId, String(body.test_name), DEFAULT_EXPERIMENT.variants).id;
  const items = [1, 2, 3].map((n) => ({ item_id: `${userId}-item-${n}`, price: n * 10.5 }));
  served.set(userId, { recommendation_id: `rec-${userId}`, items });
  return {
    user_id: userId,
    test_name: body.test_name,
    variant,
    status: "active",
    algorithm: "stand-in",
    recommendation_id: `rec-${userId}`,
    recommendations: items.map((item) => ({ ...item, score: null, category: null, brand: null })),
    source: "personalize",
    timestamp: new Date().toISOString(),
  };
}
let platform: RecordingPlatform;
let url: string;
let received: RecordingPlatform["received"];

beforeAll(async () => {
  platform = await startRecordingPlatform(answerAb);
  url = platform.url;
  received = platform.received;
});
afterAll(() => platform.close());

const args = (extra: string[]) => [
  "--url",
  url,
  "--users",
  "600",
  "--seed",
  "7",
  "--click",
  "0.4",
  "--add-to-cart",
  "0.2",
  "--purchase",
  "variant_a=0.05,variant_b=0.15",
  ...extra,
];

describe("simulate", () => {
  it("sends each enrolled user's funnel with the recommendation's id, one of its items and its price", async () => {
    received.length = 0;
    const truth = await simulate(parseSimulationArgs(args(["--concurrency", "16"])).options);
    const events = received.filter((request) => request.path === "/events").map((request) => request.body);
    for (const event of events) {
      const exposure = served.get(String(event.user_id))!;
      expect(event.recommendation_id).toBe(exposure.recommendation_id);
      const item = exposure.items.find((candidate) => candidate.item_id === event.item_id);
      expect(item).toBeDefined();
      if (event.event_type === "purchase") expect(event.event_value).toBe(item!.price);
      else expect(event.event_value).toBeUndefined();
    }
    for (const [variant, sent] of Object.entries(truth.variants)) {
      const usersOf = (type: string) =>
        new Set(
          events
            .filter((event) => event.event_type === type)
            .filter(
              (event) =>
                assignVariant(String(event.user_id), DEFAULT_EXPERIMENT.name, DEFAULT_EXPERIMENT.variants)
                  .id === variant,
            )
            .map((event) => event.user_id),
        ).size;
      expect(sent.events.click.users).toBe(usersOf("click"));
      expect(sent.events.purchase.users).toBe(usersOf("purchase"));
    }
    const total = Object.values(truth.variants).reduce((sum, sent) => sum + sent.users, 0);
    expect(total).toBe(600);
    // variant_c has no purchase rate named and no default: it sends none.
    expect(truth.variants.variant_c!.events.purchase.users).toBe(0);
    expect(truth.variants.variant_b!.events.purchase.users).toBeGreaterThan(
      truth.variants.variant_a!.events.purchase.users,
    );
  });

  it("gives the same ground truth for a seed whatever the concurrency", async () => {
    const one = await simulate(parseSimulationArgs(args(["--concurrency", "1"])).options);
    const many = await simulate(parseSimulationArgs(args(["--concurrency", "32"])).options);
    expect(many).toEqual(one);
  });

  it("never sends the skipped share of a variant's users, so that variant is under-enrolled", async () => {
    received.length = 0;
    const truth = await simulate(parseSimulationArgs(args(["--skip-enrollment", "variant_b=0.5"])).options);
    const requested = new Set(received.map((request) => String(request.body.user_id)));
    const b = truth.variants.variant_b!;
    expect(b.skipped_users).toBeGreaterThan(0);
    expect(requested.size).toBe(600 - b.skipped_users);
    expect(truth.variants.variant_a!.skipped_users).toBe(0);
    expect(b.users).toBeLessThan(truth.variants.variant_a!.users * 0.75);
  });
});
