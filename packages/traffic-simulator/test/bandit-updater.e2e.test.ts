import { assignVariant, type Experiment } from "@personalize-ab/domain";
import { LOCAL_CAMPAIGN_ARNS } from "@personalize-ab/local-recommender";
import pMap from "p-map";
import { describe, expect, it } from "vitest";
import { parseSimulationArgs, simulate, userIdOf } from "../src/index";
import { useLocalPlatform } from "./support/local-platform";

const TEST = "bandit_e2e";
const SEED = 12;
const USERS = 300;
// Hundreds of users through the whole platform on two shared cores.
const TIMEOUT_MS = 300_000;
// The schedule's own timer is left far off: the test runs the updater when the traffic is counted.
const platform = useLocalPlatform({ scheduleEveryMs: 3_600_000 });

async function call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${platform().url}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function variantOf(userId: string): Promise<string> {
  const answer = await call<{ variant: string }>("POST", "/assignments", {
    user_id: userId,
    test_name: TEST,
  });
  expect(answer, `POST /assignments for ${userId}`).toMatchObject({ status: 200 });
  return answer.body.variant;
}

// The simulator's own concurrency: 300 requests at once only measure the local platform's queue
// (20 of them ran past their budget and were answered 503 on a loaded fresh-clone run).
const CONCURRENCY = 8;
const variantsOf = (userIds: readonly string[]) =>
  pMap(userIds, async (id) => [id, await variantOf(id)] as const, { concurrency: CONCURRENCY });

const variant = (id: string, recipe: keyof typeof LOCAL_CAMPAIGN_ARNS) => ({
  id,
  weight: 1 / 3,
  recipe,
  campaignArn: LOCAL_CAMPAIGN_ARNS[recipe],
  description: recipe,
});

describe("the bandit updater on the local platform", () => {
  it(
    "moves a bandit's weights toward the clearly better variant as a new period with history, and no enrolled user moves",
    async () => {
      console.log(`traffic simulator seed ${SEED}`);
      const created = await call<Experiment>("POST", "/experiments", {
        name: TEST,
        status: "active",
        variants: [
          variant("variant_a", "aws-user-personalization"),
          variant("variant_b", "aws-sims"),
          variant("variant_c", "aws-popularity-count"),
        ],
        allocation: {
          type: "bandit",
          metric: "purchase_rate",
          burn_in: 0,
          update_every: 1,
          min_users_per_variant: 50,
        },
      });
      expect(created.status).toBe(201);

      const { options } = parseSimulationArgs([
        ...["--url", platform().url, "--test", TEST, "--users", String(USERS), "--seed", String(SEED)],
        ...["--purchase", "variant_a=0.05,variant_b=0.40,variant_c=0.05"],
      ]);
      const truth = await simulate(options);
      const simulatedUsers = Array.from({ length: USERS }, (_, i) => userIdOf(options.userPrefix, i));
      const before = new Map(await variantsOf(simulatedUsers));
      expect(Object.values(truth.variants).reduce((sum, v) => sum + v.users, 0)).toBe(USERS);

      // Everything the simulator sent is counted, then the scheduled function runs.
      await platform().streams.caughtUp();
      await platform().schedules.runNow();

      const { body: after } = await call<Experiment>("GET", `/experiments/${TEST}`);
      expect(after.periods.map((period) => [period.index, period.source])).toEqual([
        [0, "created"],
        [1, "bandit"],
      ]);
      const weights = after.periods[1]!.weights;
      console.log(`bandit weights after ${USERS} users: ${JSON.stringify(weights)}`);
      expect(weights.variant_b).toBeGreaterThan(0.9);
      expect(weights.variant_a! + weights.variant_b! + weights.variant_c!).toBeCloseTo(1, 12);
      const { body: history } = await call<{
        entries: { action: string; caller: string; version: number }[];
      }>("GET", `/experiments/${TEST}/history`);
      expect(history.entries.at(-1)).toMatchObject({
        action: "allocation",
        caller: "bandit-updater",
        version: after.version,
      });

      // Once the new weights are served (the config cache refreshes), users the new hash would put
      // elsewhere are the ones a moved assignment would show; none of them moves.
      const newWeights = after.variants;
      const oldWeights = after.variants.map((v) => ({ ...v, weight: 1 / 3 }));
      const wouldMove = (userId: string) =>
        assignVariant(userId, TEST, newWeights).id !== assignVariant(userId, TEST, oldWeights).id;
      let probe = 0;
      while (true) {
        const id = `probe_${probe++}`;
        if (!wouldMove(id)) continue;
        if ((await variantOf(id)) === assignVariant(id, TEST, newWeights).id) break;
      }
      const movable = simulatedUsers.filter(wouldMove);
      expect(movable.length).toBeGreaterThan(USERS / 3);
      const now = await variantsOf(simulatedUsers);
      expect(now.filter(([id, v]) => before.get(id) !== v)).toEqual([]);
    },
    TIMEOUT_MS,
  );
});
