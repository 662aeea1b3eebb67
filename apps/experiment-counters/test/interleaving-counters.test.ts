import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import {
  COUNTER_KEY,
  counterPartition,
  createDocumentClient,
  type InterleavingCellField,
  readInterleavingCells,
  readInterleavingRecords,
} from "@personalize-ab/adapters";
import { logger } from "@personalize-ab/adapters/powertools";
import {
  analyseInterleaving,
  INTERLEAVED_RECOMMENDATION_PREFIX,
  type InterleavingAnalysis,
  interleavingAnalysisOfCells,
  pairKey,
} from "@personalize-ab/domain";
import type { TableNames } from "@personalize-ab/dynamodb-local";
import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";
import { beforeAll, describe, expect, it } from "vitest";
import { type CounterRun, reconcileRun, runCounters } from "./support/counter-run";
import { type InterleavingTraffic, writeInterleavingTraffic } from "./support/interleaving-traffic";

const SEED = Number(process.env.INTERLEAVING_SEED ?? Date.now() % 1_000_000);
const USERS = Number(process.env.INTERLEAVING_USERS ?? 200);
const SHARDS = 4;
const TIMEOUT = 900_000;

const freshTables = async () => (await createTestTables()).tables;
let endpoint: string;
let raw: TableNames;
let traffic: InterleavingTraffic;
let expected: InterleavingAnalysis;

beforeAll(async () => {
  const created = await createTestTables();
  endpoint = created.endpoint;
  raw = created.tables;
  traffic = await writeInterleavingTraffic(createDocumentClient(created.env), raw, {
    seed: SEED,
    users: USERS,
    startMs: Date.now() - 3_600_000,
  });
  // As the results read raw records before the counters: only events naming an interleaved id,
  // so a click on the popular fallback's list (every variant failed) credits nothing.
  const named = traffic.events.filter((event) =>
    event.recommendationId.startsWith(INTERLEAVED_RECOMMENDATION_PREFIX),
  );
  expected = analyseInterleaving(traffic.variants, traffic.impressions, named, {
    activeSpans: traffic.experiment.active_spans,
  });
  console.log(`interleaving traffic seed ${SEED} (INTERLEAVING_SEED):`, traffic.summary);
}, TIMEOUT);

/**
 * Counts exactly, floating results to rounding: the cells sum the per-user preferences in another
 * order than the analysis (as the analysis itself does on the same records in another order).
 */
function expectSameAnalysis(actual: InterleavingAnalysis, wanted: InterleavingAnalysis) {
  const { pairs, ...totals } = wanted;
  expect(actual).toMatchObject(totals);
  expect(actual.pairs).toHaveLength(pairs.length);
  actual.pairs.forEach((pair, index) => {
    const want = pairs[index]!;
    expect(pair).toMatchObject({
      a: want.a,
      b: want.b,
      users: want.users,
      wins: want.wins,
      losses: want.losses,
      ties: want.ties,
      users_preferring: want.users_preferring,
      significant: want.significant,
      favours: want.favours,
    });
    expect(pair.preference).toBeCloseTo(want.preference, 12);
    expect(pair.ci[0]).toBeCloseTo(want.ci[0], 10);
    expect(pair.ci[1]).toBeCloseTo(want.ci[1], 10);
    expect(pair.p_value).toBeCloseTo(want.p_value, 10);
  });
}

async function expectCountedOnce(run: CounterRun) {
  expect(run.givenUp).toEqual([]);
  const documents = createDocumentClient({ DYNAMODB_ENDPOINT: endpoint });
  const cells = await readInterleavingCells(documents, run.counters, traffic.experiment.name, {
    shards: SHARDS,
  });
  expectSameAnalysis(interleavingAnalysisOfCells(traffic.variants, cells), expected);
  const [report] = await reconcileRun(endpoint, raw, run, [traffic.experiment.name], SHARDS);
  console.log(
    `reconcile ${report!.testName}: ${report!.users} users, ${report!.cells} cells, ${report!.differences.length} differences`,
  );
  expect(report!.cells).toBe(1 + traffic.variants.length + 3);
  expect(report!.differences).toEqual([]);
}

describe(`interleaving counters on DynamoDB Local (seed ${SEED})`, () => {
  it("analyse the raw records as the Scan of the events table reads them", async () => {
    const documents = createDocumentClient({ DYNAMODB_ENDPOINT: endpoint });
    const scanned = await readInterleavingRecords(documents, raw.events, traffic.experiment.name);
    // In the Scan's order the floating sums round differently already: equal up to rounding.
    const fromScan = analyseInterleaving(traffic.variants, scanned.impressions, scanned.events, {
      activeSpans: traffic.experiment.active_spans,
    });
    expectSameAnalysis(fromScan, expected);
  });

  it("have traffic that exercises every path: clicks before their exposure, credited pairs, failures", () => {
    expect(traffic.summary.clicksBeforeExposure).toBeGreaterThan(50);
    expect(expected.clicked_impressions).toBeGreaterThan(50);
    for (const pair of expected.pairs) expect(pair.users).toBeGreaterThan(10);
    expect(Object.values(expected.failures).every((failures) => failures > 0)).toBe(true);
  });

  it(
    "equal the analysis of the raw records when every batch is delivered twice, and reconcile flags a planted cell",
    async () => {
      const run = await runCounters({ endpoint, raw, freshTables, shards: SHARDS, deliveriesPerBatch: 2 });
      console.log(
        `delivered twice: ${run.records} records in ${run.invocations} invocations, ${run.writes} writes`,
      );
      await expectCountedOnce(run);

      // The check can fail: one win too many in one pair's cell is reported as exactly that.
      const documents = createDocumentClient({ DYNAMODB_ENDPOINT: endpoint });
      const pair = expected.pairs[1]!;
      await documents.send(
        new UpdateCommand({
          TableName: run.counters,
          Key: {
            [COUNTER_KEY.partition]: counterPartition(traffic.experiment.name, 0),
            [COUNTER_KEY.sort]: `interleaving#pair#${pairKey(pair.a, pair.b)}`,
          },
          UpdateExpression: "ADD Wins :one",
          ExpressionAttributeValues: { ":one": 1 },
        }),
      );
      const [report] = await reconcileRun(endpoint, raw, run, [traffic.experiment.name], SHARDS);
      const planted: InterleavingCellField & { expected: number; actual: number } = {
        metric: "interleaving_pair",
        variant: pairKey(pair.a, pair.b),
        field: "wins",
        expected: pair.wins,
        actual: pair.wins + 1,
      };
      expect(report!.differences).toEqual([{ period: "", stratum: "", ...planted }]);
    },
    TIMEOUT,
  );

  it(
    "equal the analysis when consumers are killed mid-batch and every batch is delivered three times",
    async () => {
      const crashed = new Set<string>();
      let crashes = 0;
      logger.setLogLevel("SILENT");
      try {
        const run = await runCounters({
          endpoint,
          raw,
          freshTables,
          shards: SHARDS,
          deliveriesPerBatch: 3,
          // Every batch dies once before its second transaction: the first is committed.
          beforeTransaction: (index, first) => {
            if (index !== 1 || crashed.has(first)) return;
            crashed.add(first);
            crashes += 1;
            throw new Error("consumer killed");
          },
        });
        console.log(`killed mid-batch: ${crashes} invocations killed, ${run.records} records delivered`);
        expect(crashes).toBeGreaterThan(0);
        await expectCountedOnce(run);
      } finally {
        logger.setLogLevel("WARN");
      }
    },
    TIMEOUT,
  );
});
