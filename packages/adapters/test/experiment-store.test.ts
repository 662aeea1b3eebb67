import { GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import {
  changeStatus,
  ExperimentConflict,
  newExperiment,
  startAllocationPeriod,
} from "@personalize-ab/domain";
import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";
import { beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient } from "../src/dynamodb/document-client";
import { ExperimentStore } from "../src/experiments/experiment-store";

let documents: ReturnType<typeof createDocumentClient>;
let store: ExperimentStore;
let tables: Awaited<ReturnType<typeof createTestTables>>["tables"];

beforeAll(async () => {
  const created = await createTestTables();
  tables = created.tables;
  documents = createDocumentClient(created.env);
  store = new ExperimentStore(documents, {
    experiments: tables.experiments,
    history: tables.experimentHistory,
  });
});

const T0 = Date.UTC(2026, 11, 2);
const variant = (id: string, weight: number) => ({
  id,
  weight,
  recipe: "aws-sims" as const,
  description: id,
});
const draft = (name: string) => newExperiment({ name, variants: [variant("a", 0.5), variant("b", 0.5)] }, T0);
const context = { caller: "arn:aws:iam::123456789012:user/ana", atMs: T0 };

async function historyItems(name: string) {
  const { Items } = await documents.send(
    new QueryCommand({
      TableName: tables.experimentHistory,
      KeyConditionExpression: "TestName = :n",
      ExpressionAttributeValues: { ":n": name },
    }),
  );
  return Items ?? [];
}

async function conflictCode(write: Promise<unknown>) {
  try {
    await write;
  } catch (error) {
    if (error instanceof ExperimentConflict) return `${error.code} ${error.field}`;
    throw error;
  }
  return "written";
}

describe("ExperimentStore on DynamoDB Local", () => {
  it("creates version 1 with its history entry, and refuses a second create of the name", async () => {
    const created = await store.create(draft("created"), context);
    expect(created.version).toBe(1);
    expect(await store.read("created")).toEqual(created);
    expect(await conflictCode(store.create(draft("created"), { ...context, atMs: T0 + 1 }))).toBe(
      "experiment_exists name",
    );
    const history = await historyItems("created");
    expect(history.map((item) => [item.Version, item.Action, item.Caller, item.At])).toEqual([
      [1, "create", context.caller, T0],
    ]);
  });

  it("writes each change as the next version with what changed, and refuses a stale version", async () => {
    const v1 = await store.create(draft("versioned"), context);
    const v2 = await store.save(v1, changeStatus(v1, { status: "active" }, T0 + 10), "status", {
      ...context,
      atMs: T0 + 10,
    });
    expect(v2.version).toBe(2);
    const reweighted = startAllocationPeriod(v1, { a: 0.2, b: 0.8 }, "manual", T0 + 20);
    expect(await conflictCode(store.save(v1, reweighted, "update", context))).toBe(
      "version_conflict version",
    );
    // Nothing of the refused write reached either table.
    expect((await store.read("versioned"))?.variants.map((v) => v.weight)).toEqual([0.5, 0.5]);
    expect((await store.history("versioned")).map((entry) => entry.version)).toEqual([1, 2]);
    expect((await store.history("versioned"))[1]).toEqual({
      test_name: "versioned",
      version: 2,
      at: T0 + 10,
      caller: context.caller,
      action: "status",
      changes: {
        status: { from: "draft", to: "active" },
        periods: { from: v1.periods, to: v2.periods },
        active_spans: { from: [], to: [{ started_at: T0 + 10 }] },
      },
    });
  });

  it("lets exactly one of concurrent writers of the same version win", async () => {
    const v1 = await store.create(draft("raced"), context);
    const outcomes = await Promise.all(
      [0.1, 0.2, 0.3, 0.4, 0.6].map((weight) =>
        conflictCode(
          store.save(
            v1,
            startAllocationPeriod(v1, { a: weight, b: 1 - weight }, "manual", T0),
            "update",
            context,
          ),
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === "written")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === "version_conflict version")).toHaveLength(4);
    expect(await historyItems("raced")).toHaveLength(2);
  });

  it("takes over a record written before versioning (version 0) once, conditionally", async () => {
    await documents.send(
      new PutCommand({
        TableName: tables.experiments,
        Item: { TestName: "legacy", Status: "active", Variants: [variant("a", 0.5), variant("b", 0.5)] },
      }),
    );
    const legacy = (await store.read("legacy"))!;
    expect([legacy.version, legacy.periods.length]).toEqual([0, 1]);
    const paused = changeStatus(legacy, { status: "paused" }, T0);
    expect((await store.save(legacy, paused, "status", context)).version).toBe(1);
    expect(await conflictCode(store.save(legacy, paused, "status", context))).toBe(
      "version_conflict version",
    );
    const { Item } = await documents.send(
      new GetCommand({ TableName: tables.experiments, Key: { TestName: "legacy" } }),
    );
    expect([Item?.Version, Item?.Status]).toEqual([1, "paused"]);
  });

  it("lists stored experiments by name, without the platform record", async () => {
    const names = (await store.list()).map((experiment) => experiment.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(["created", "legacy", "raced", "versioned"]));
  });
});
