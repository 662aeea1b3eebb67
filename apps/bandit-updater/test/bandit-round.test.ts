import { PutCommand } from "@aws-sdk/lib-dynamodb";
import {
  COUNTER_ATTRIBUTES,
  COUNTER_KEY,
  type CounterCell,
  cellKey,
  counterPartition,
  createDocumentClient,
  ExperimentStore,
} from "@personalize-ab/adapters";
import { lambdaContext } from "@personalize-ab/adapters/http";
import { logger } from "@personalize-ab/adapters/powertools";
import {
  type BanditAllocation,
  changeStatus,
  ENV,
  type Experiment,
  newExperiment,
  startAllocationPeriod,
} from "@personalize-ab/domain";
import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { BANDIT_CALLER } from "../src/bandit-round";

type Handler = typeof import("../src/handler").handler;
let handler: Handler;
let documents: ReturnType<typeof createDocumentClient>;
let tables: Awaited<ReturnType<typeof createTestTables>>["tables"];
let store: ExperimentStore;

const SHARDS = 2;
const HOUR_MS = 3_600_000;
const NOW = Date.now();

beforeAll(async () => {
  const created = await createTestTables();
  tables = created.tables;
  Object.assign(process.env, created.env, { [ENV.experimentCounterShards]: String(SHARDS) });
  documents = createDocumentClient(created.env);
  store = new ExperimentStore(documents, {
    experiments: tables.experiments,
    history: tables.experimentHistory,
  });
  ({ handler } = await import("../src/handler"));
});

afterEach(() => {
  vi.restoreAllMocks();
});

const variant = (id: string, weight: number) => ({
  id,
  weight,
  recipe: "aws-sims" as const,
  description: id,
});
const BANDIT: BanditAllocation = {
  type: "bandit",
  metric: "purchase_rate",
  burn_in: 3600,
  update_every: 3600,
  floor: 0.01,
  min_users_per_variant: 100,
  winner_probability: 0.95,
};
const context = { caller: "tester", atMs: NOW - 3 * HOUR_MS };

/**
 * An active bandit experiment that started three hours ago and was reweighted to 0.2 / 0.8 two
 * hours ago: past its burn-in, and due for its next update now.
 */
async function activeBandit(name: string, allocation: Partial<BanditAllocation> = {}): Promise<Experiment> {
  const draft = newExperiment(
    { name, variants: [variant("a", 0.5), variant("b", 0.5)], allocation: { ...BANDIT, ...allocation } },
    context.atMs,
  );
  const created = await store.create(draft, context);
  const active = await store.save(
    created,
    changeStatus(created, { status: "active" }, context.atMs),
    "status",
    context,
  );
  const later = { ...context, atMs: NOW - 2 * HOUR_MS };
  return store.save(
    active,
    startAllocationPeriod(active, { a: 0.2, b: 0.8 }, "manual", later.atMs),
    "update",
    later,
  );
}

/** Counter items as the counters consumer writes them, split over two shards. */
async function seedCounters(testName: string, cells: readonly CounterCell[]) {
  for (const [index, cell] of cells.entries()) {
    const half = (value: number) => (index % 2 === 0 ? Math.floor(value / 2) : Math.ceil(value / 2));
    for (const shard of [0, 1]) {
      const stats = shard === 0 ? { n: half(cell.stats.n), sum: half(cell.stats.sum) } : undefined;
      const part = stats ?? {
        n: cell.stats.n - half(cell.stats.n),
        sum: cell.stats.sum - half(cell.stats.sum),
      };
      await documents.send(
        new PutCommand({
          TableName: tables.experimentCounters,
          Item: {
            [COUNTER_KEY.partition]: counterPartition(testName, shard),
            [COUNTER_KEY.sort]: cellKey(cell),
            [COUNTER_ATTRIBUTES.n]: part.n,
            [COUNTER_ATTRIBUTES.sum]: part.sum,
            [COUNTER_ATTRIBUTES.sum_squares]: part.sum,
          },
        }),
      );
    }
  }
}

const binomial = (n: number, conversions: number) => ({ n, sum: conversions, sum_squares: conversions });
const cell = (
  stratum: string,
  variantId: string,
  stats: ReturnType<typeof binomial>,
  metric = "purchase_rate",
) => ({
  period: "2026-12-02",
  stratum,
  variant: variantId,
  metric,
  stats,
});
// The bandit metric in the statistics doc's V29 design: period 0 A 100/1000, B 120/1000; period 1
// A 40/200, B 176/800. Held-out users and another metric's cells would turn the answer around if
// they were read.
const COUNTERS = [
  cell("p0", "a", binomial(1000, 100)),
  cell("p0", "b", binomial(1000, 120)),
  cell("p1", "a", binomial(200, 40)),
  cell("p1", "b", binomial(800, 176)),
  cell("h", "a", binomial(1000, 900)),
  cell("h", "b", binomial(1000, 10)),
  cell("p1", "a", binomial(1000, 990), "click_through_rate"),
  cell("p1", "b", binomial(1000, 10), "click_through_rate"),
];
// P(B best) = Φ(0.02/√(SE_A² + SE_B²)) for V29's period-weighted means 0.1333…, 0.1533… and SEs
// 0.011374339838537506, 0.008416856653951721; weight 0.01 + 0.98·P.
const P_B_BEST = 0.9212367490248505;

const run = () => handler({}, lambdaContext("bandit-updater"));

describe("the scheduled bandit updater on DynamoDB Local", () => {
  it("writes the new weights as a bandit period with its history entry, and then waits for update_every", async () => {
    const before = await activeBandit("reweighted");
    await seedCounters("reweighted", COUNTERS);
    const outcomes = await run();
    expect(outcomes.find((o) => o.test_name === "reweighted")).toMatchObject({
      outcome: "reweighted",
      version: 4,
    });

    const after = (await store.read("reweighted"))!;
    expect(after.version).toBe(before.version + 1);
    expect(after.periods.map((p) => [p.index, p.source])).toEqual([
      [0, "created"],
      [1, "manual"],
      [2, "bandit"],
    ]);
    const weights = after.periods.at(-1)!.weights;
    expect(weights.a).toBeCloseTo(0.01 + 0.98 * (1 - P_B_BEST), 9);
    expect(weights.b).toBeCloseTo(0.01 + 0.98 * P_B_BEST, 9);
    expect(after.variants.map((v) => v.weight)).toEqual([weights.a, weights.b]);
    const history = await store.history("reweighted");
    expect(history.at(-1)).toMatchObject({ version: 4, caller: BANDIT_CALLER, action: "allocation" });
    expect(Object.keys(history.at(-1)!.changes).sort()).toEqual(["periods", "variants"]);

    const again = await run();
    expect(again.find((o) => o.test_name === "reweighted")).toMatchObject({
      outcome: "waited",
      decision: { reason: "not_due" },
    });
    expect((await store.read("reweighted"))!.version).toBe(after.version);
  });

  it("completes the experiment with the winner when the record asks, and names it otherwise", async () => {
    await activeBandit("completes", { winner_probability: 0.92, complete_on_winner: true });
    await activeBandit("names-winner", { winner_probability: 0.92 });
    await seedCounters("completes", COUNTERS);
    await seedCounters("names-winner", COUNTERS);
    const outcomes = await run();
    expect(outcomes.find((o) => o.test_name === "completes")).toMatchObject({ outcome: "completed" });
    expect(await store.read("completes")).toMatchObject({ status: "completed", winner: "b" });
    expect((await store.history("completes")).at(-1)).toMatchObject({
      caller: BANDIT_CALLER,
      action: "status",
    });
    expect(outcomes.find((o) => o.test_name === "names-winner")).toMatchObject({
      outcome: "reweighted",
      decision: { winner: "b" },
    });
    expect(await store.read("names-winner")).toMatchObject({ status: "active" });
  });

  it("leaves paused bandits and fixed experiments alone", async () => {
    const paused = await activeBandit("paused-bandit");
    await store.save(paused, changeStatus(paused, { status: "paused" }, NOW), "status", context);
    await seedCounters("paused-bandit", COUNTERS);
    const fixed = newExperiment(
      { name: "fixed-split", variants: [variant("a", 0.5), variant("b", 0.5)] },
      NOW,
    );
    await store.create(fixed, context);
    const outcomes = await run();
    expect(outcomes.map((o) => o.test_name)).not.toContain("paused-bandit");
    expect(outcomes.map((o) => o.test_name)).not.toContain("fixed-split");
    expect((await store.read("paused-bandit"))!.periods).toHaveLength(2);
  });

  it("skips an experiment changed since it was listed, writes nothing for it and goes on with the others", async () => {
    const stale = await activeBandit("changed-meanwhile");
    await activeBandit("unchanged");
    await seedCounters("changed-meanwhile", COUNTERS);
    await seedCounters("unchanged", COUNTERS);
    // Someone pauses and resumes it between the listing and the write.
    const paused = await store.save(stale, changeStatus(stale, { status: "paused" }, NOW), "status", context);
    await store.save(paused, changeStatus(paused, { status: "active" }, NOW), "status", context);
    const listed = await store.list();
    const staleList = listed.map((record) => (record.name === "changed-meanwhile" ? stale : record));
    vi.spyOn(ExperimentStore.prototype, "list").mockResolvedValueOnce(staleList);
    const warn = vi.spyOn(logger, "warn");
    const outcomes = await run();
    expect(outcomes.find((o) => o.test_name === "changed-meanwhile")).toEqual({
      test_name: "changed-meanwhile",
      outcome: "conflict",
    });
    expect((await store.read("changed-meanwhile"))!.version).toBe(stale.version + 2);
    expect((await store.read("changed-meanwhile"))!.periods).toHaveLength(2);
    expect(outcomes.find((o) => o.test_name === "unchanged")).toMatchObject({ outcome: "reweighted" });
    expect(warn).toHaveBeenCalledWith(
      "experiment changed since it was read; its bandit update waits for the next run",
      { test_name: "changed-meanwhile", outcome: "conflict" },
    );
  });
});
