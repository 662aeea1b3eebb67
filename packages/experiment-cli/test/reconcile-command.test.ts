import { BatchWriteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import {
  assignmentItem,
  COUNTER_ATTRIBUTES,
  COUNTER_KEY,
  type CounterDifference,
  cellKey,
  counterPartition,
  createDocumentClient,
  ExposureLog,
  experimentItem,
} from "@personalize-ab/adapters";
import { ENV, type SufficientStats } from "@personalize-ab/domain";
import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";
import { beforeAll, describe, expect, it } from "vitest";
import { runInProcess } from "./in-process";

let created: Awaited<ReturnType<typeof createTestTables>>;
const INTERLEAVING_TEST = "ranker_reconcile";
const reconcile = (extra: string[] = [], testName = "default_recommendation_test") =>
  runInProcess(
    ["reconcile", testName, "--endpoint", created.endpoint, "--table-prefix", created.prefix, ...extra],
    {
      env: { [ENV.experimentCounterShards]: "4" },
    },
  );

beforeAll(async () => {
  created = await createTestTables();
  const documents = createDocumentClient({ [ENV.dynamodbEndpoint]: created.endpoint });
  // Two enrolled users and no counters at all: every cell they make is missing.
  for (const [userId, variant] of [
    ["reconcile-user-1", "variant_a"],
    ["reconcile-user-2", "variant_b"],
  ] as const) {
    await documents.send(
      new PutCommand({
        TableName: created.tables.assignments,
        Item: assignmentItem({
          userId,
          testName: "default_recommendation_test",
          variant,
          assignedAt: 1_764_600_000,
          enrolledAtMs: 1_764_600_000_000,
        }),
      }),
    );
  }
  // An interleaving experiment enrolls no one: three users shown an interleaved list, one twice.
  await documents.send(
    new PutCommand({
      TableName: created.tables.experiments,
      Item: experimentItem({
        name: INTERLEAVING_TEST,
        status: "active",
        kind: "interleaving",
        variants: [
          { id: "current", weight: 0.5, recipe: "aws-user-personalization", description: "current" },
          { id: "candidate", weight: 0.5, recipe: "aws-user-personalization", description: "candidate" },
        ],
        active_spans: [{ started_at: 1_000 }],
      }),
    }),
  );
  const exposures = new ExposureLog(documents, created.tables.events);
  for (const [userId, recommendationId] of [
    ["shown-1", "r1"],
    ["shown-2", "r2"],
    ["shown-3", "r3"],
    ["shown-3", "r4"],
  ] as const) {
    await exposures.record({
      userId,
      recommendationId,
      testName: INTERLEAVING_TEST,
      variant: "interleaved",
      algorithm: "Team-draft interleaving of current, candidate",
      itemIds: ["a1", "b1"],
      source: "personalize",
      servedAtMs: 2_000,
      interleaving: { teams: ["current", "candidate"], failed: [] },
    });
  }
});

describe("experiment reconcile", () => {
  it("prints each counter that differs from its recomputation and exits 1, then 0 once they agree", async () => {
    const missing = await reconcile(["--json"]);
    expect(missing.code).toBe(1);
    const report = JSON.parse(missing.stdout) as {
      kind: string;
      users: number;
      differences: CounterDifference[];
    };
    expect(report).toMatchObject({ kind: "ab", users: 2 });
    expect(report.differences).toContainEqual(
      expect.objectContaining({
        variant: "variant_a",
        metric: "purchase_rate",
        field: "n",
        expected: 1,
        actual: 0,
      }),
    );

    const table = await reconcile();
    expect(table.code).toBe(1);
    expect(table.stdout).toContain("default_recommendation_test: 2 enrolled users, ");
    expect(table.stdout).toMatch(/variant_b\s*│ purchase_rate\s*│ n\s*│ 1\s*│ 0/);

    // Write exactly what the recomputation expects, in one shard, and nothing differs any more.
    const items = new Map<string, Record<string, unknown>>();
    for (const difference of report.differences) {
      const key = cellKey(difference);
      const item = items.get(key) ?? {
        [COUNTER_KEY.partition]: counterPartition("default_recommendation_test", 3),
        [COUNTER_KEY.sort]: key,
      };
      // Every difference of this A/B experiment names a statistic.
      item[COUNTER_ATTRIBUTES[difference.field as keyof SufficientStats]] = difference.expected;
      items.set(key, item);
    }
    const documents = createDocumentClient({ [ENV.dynamodbEndpoint]: created.endpoint });
    const requests = [...items.values()].map((Item) => ({ PutRequest: { Item } }));
    for (let start = 0; start < requests.length; start += 25) {
      await documents.send(
        new BatchWriteCommand({
          RequestItems: { [created.tables.experimentCounters]: requests.slice(start, start + 25) },
        }),
      );
    }
    const agreed = await reconcile();
    expect(agreed.stdout).toContain("0 differences");
    expect(agreed.code).toBe(0);
  });

  it("counts an interleaving experiment's users by their impressions, and says so", async () => {
    const json = await reconcile(["--json"], INTERLEAVING_TEST);
    expect(JSON.parse(json.stdout)).toMatchObject({ kind: "interleaving", users: 3 });
    const table = await reconcile([], INTERLEAVING_TEST);
    // No counters were written for the four impressions: the impression cells differ.
    expect(table.code).toBe(1);
    expect(table.stdout).toContain(`${INTERLEAVING_TEST}: 3 users with an impression, `);
    expect(table.stdout).not.toContain("enrolled");
    expect(table.stdout).toMatch(/interleaving_impressions\s*│ impressions\s*│ 4\s*│ 0/);
  });

  it("needs exactly one of --endpoint and --env", async () => {
    const neither = await runInProcess(["reconcile", "default_recommendation_test"]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain("give --endpoint (DynamoDB Local) or --env (a deployed environment)");
    const noState = await runInProcess(["reconcile", "default_recommendation_test", "--env", "dev"], {
      repositoryRoot: "/nonexistent",
    });
    expect(noState.stderr).toContain("no assignments_table_name in the dev stack's outputs");
  });
});
