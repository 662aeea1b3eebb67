import { createHash } from "node:crypto";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import {
  COUNTER_KEY,
  cellKey,
  counterPartition,
  createDocumentClient,
  readExperimentCounters,
} from "@personalize-ab/adapters";
import { logger } from "@personalize-ab/adapters/powertools";
import type { TableNames } from "@personalize-ab/dynamodb-local";
import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";
import { beforeAll, describe, expect, it } from "vitest";
import { type CounterRun, reconcileRun, runCounters } from "./support/counter-run";
import { TRAFFIC_TESTS, type TrafficSummary, writeExperimentTraffic } from "./support/experiment-traffic";

const SEED = Number(process.env.COUNTERS_SEED ?? 20_261_201);
// 300 users (about 4,000 events) keep the default run short on a shared machine; `pnpm test:scale`
// runs 3,800 users: over 50,000 events.
const USERS = Number(process.env.COUNTERS_USERS ?? 300);
const SHARDS = 8;
const TIMEOUT = 1_200_000;

const freshTables = async () => (await createTestTables()).tables;
let endpoint: string;
let raw: TableNames;
let traffic: TrafficSummary;

beforeAll(async () => {
  const created = await createTestTables();
  endpoint = created.endpoint;
  raw = created.tables;
  traffic = await writeExperimentTraffic(createDocumentClient(created.env), raw, {
    seed: SEED,
    users: USERS,
    startMs: Date.now() - 3_600_000,
  });
  console.log(`experiment traffic seed ${SEED}:`, traffic);
}, TIMEOUT);

function print(label: string, run: CounterRun) {
  const events = traffic.events + traffic.exposures + traffic.historyEvents;
  console.log(
    `${label}: ${run.records} records delivered in ${run.invocations} invocations ` +
      `(${run.partialResponses} partial batch responses) in ${run.seconds.toFixed(1)} s; ` +
      `${run.writes} writes = ${(run.writes / events).toFixed(3)} per event written`,
  );
}

async function expectReconciled(run: CounterRun) {
  expect(run.givenUp).toEqual([]);
  const reports = await reconcileRun(endpoint, raw, run, TRAFFIC_TESTS, SHARDS);
  for (const report of reports) {
    console.log(
      `reconcile ${report.testName}: ${report.users} users, ${report.cells} cells, ${report.differences.length} differences`,
    );
    expect(report.users).toBeGreaterThan(0);
    expect(report.differences).toEqual([]);
  }
}

const hashOf = (text: string) => createHash("md5").update(text).digest().readUInt32BE(0);

describe(`experiment counters on DynamoDB Local (seed ${SEED})`, () => {
  it("have the events the run asked for: over 50,000 at 3,800 users", () => {
    expect(traffic.events).toBeGreaterThanOrEqual(USERS >= 3800 ? 50_000 : USERS * 6);
  });

  it(
    "count every record once when every batch is delivered twice, and reconcile flags a planted difference",
    async () => {
      const run = await runCounters({ endpoint, raw, freshTables, shards: SHARDS, deliveriesPerBatch: 2 });
      print("delivered twice", run);
      expect(run.records).toBeGreaterThanOrEqual(2 * traffic.events);
      await expectReconciled(run);

      // The check itself can fail: one user too many in one cell shows as exactly that difference.
      const documents = createDocumentClient({ DYNAMODB_ENDPOINT: endpoint });
      const [cell] = await readExperimentCounters(documents, run.counters, TRAFFIC_TESTS[0]!, {
        shards: SHARDS,
      });
      await documents.send(
        new UpdateCommand({
          TableName: run.counters,
          Key: {
            [COUNTER_KEY.partition]: counterPartition(TRAFFIC_TESTS[0]!, 0),
            [COUNTER_KEY.sort]: cellKey(cell!),
          },
          UpdateExpression: "ADD N :one",
          ExpressionAttributeValues: { ":one": 1 },
        }),
      );
      const [report] = await reconcileRun(endpoint, raw, run, [TRAFFIC_TESTS[0]!], SHARDS);
      expect(report!.differences).toEqual([
        {
          period: cell!.period,
          stratum: "p0",
          variant: cell!.variant,
          metric: cell!.metric,
          field: "n",
          expected: cell!.stats.n,
          actual: cell!.stats.n + 1,
        },
      ]);
    },
    TIMEOUT,
  );

  it(
    "count every record once when every batch is delivered three times",
    async () => {
      const run = await runCounters({ endpoint, raw, freshTables, shards: SHARDS, deliveriesPerBatch: 3 });
      print("delivered three times", run);
      expect(run.records).toBeGreaterThanOrEqual(3 * traffic.events);
      await expectReconciled(run);
    },
    TIMEOUT,
  );

  it(
    "count every record once when consumers are killed mid-batch and transaction answers are lost",
    async () => {
      const crashed = new Set<string>();
      let crashesAfterCommits = 0;
      let lostAnswers = 0;
      let failedSends = 0;
      let transactions = 0;
      logger.setLogLevel("SILENT");
      try {
        const run = await runCounters({
          endpoint,
          raw,
          freshTables,
          shards: SHARDS,
          // Half the batches die once, before their 2nd, 3rd or 4th transaction: earlier ones are
          // committed. How records fall into batches depends on the stream's timing, so the first
          // batch to reach a 2nd transaction dies too, and a run of few large batches has a crash.
          beforeTransaction: (index, first) => {
            const hash = hashOf(`${SEED}/${first}`);
            if (crashed.has(first) || index === 0) return;
            const planned = hash % 2 === 0 && index === 1 + (hash % 3);
            if (!planned && crashesAfterCommits > 0) return;
            crashed.add(first);
            crashesAfterCommits += 1;
            throw new Error("consumer killed");
          },
          onClient: (documents) =>
            documents.middlewareStack.add(
              (next) => async (args) => {
                if (!("TransactItems" in (args.input as object))) return next(args);
                transactions += 1;
                // A transaction that never reached DynamoDB, and one whose commit answer was lost.
                if (transactions % 17 === 0) {
                  failedSends += 1;
                  throw Object.assign(new Error("connection reset"), { name: "InjectedNetworkError" });
                }
                const result = await next(args);
                // Every 23rd, and the first committed one from the 3rd on, so a short run loses one too.
                if (transactions % 23 === 0 || (lostAnswers === 0 && transactions >= 3)) {
                  lostAnswers += 1;
                  throw Object.assign(new Error("socket hang up"), { name: "InjectedNetworkError" });
                }
                return result;
              },
              { step: "initialize", name: "injectFaults" },
            ),
        });
        print("killed mid-batch", run);
        console.log(
          `faults: ${crashesAfterCommits} invocations killed after committed transactions, ` +
            `${failedSends} transactions failed before sending, ${lostAnswers} committed with the answer lost`,
        );
        expect(crashesAfterCommits).toBeGreaterThan(0);
        expect(lostAnswers).toBeGreaterThan(0);
        expect(run.partialResponses).toBeGreaterThan(0);
        await expectReconciled(run);
      } finally {
        logger.setLogLevel("WARN");
      }
    },
    TIMEOUT,
  );
});
