import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { createDocumentClient } from "@personalize-ab/adapters";
import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";
import { beforeAll, describe, expect, it } from "vitest";
import { adminCall } from "./support/admin-call";

type Handler = typeof import("../src/handler").handler;
let handler: Handler;
let tables: Awaited<ReturnType<typeof createTestTables>>["tables"];
let documents: ReturnType<typeof createDocumentClient>;

const ANA = "arn:aws:iam::123456789012:user/ana";
const variant = (id: string, weight: number, recipe = "aws-sims") => ({
  id,
  weight,
  recipe,
  description: id,
});
const body = (name: string) => ({ name, variants: [variant("control", 0.5), variant("treatment", 0.5)] });
const call = (method: string, path: string, payload?: unknown) =>
  adminCall(handler, method, path, payload, ANA);

beforeAll(async () => {
  const created = await createTestTables();
  tables = created.tables;
  Object.assign(process.env, created.env);
  documents = createDocumentClient();
  ({ handler } = await import("../src/handler"));
});

async function stored(name: string) {
  const { Item } = await documents.send(
    new GetCommand({ TableName: tables.experiments, Key: { TestName: name } }),
  );
  return Item;
}

async function historyCount(name: string) {
  const { Items } = await documents.send(
    new QueryCommand({
      TableName: tables.experimentHistory,
      KeyConditionExpression: "TestName = :n",
      ExpressionAttributeValues: { ":n": name },
    }),
  );
  return Items?.length ?? 0;
}

const fields = (answer: { body: { error?: { details: { field: string }[] } } }) =>
  answer.body.error?.details.map((detail) => detail.field);

describe("the experiment admin API on DynamoDB Local", () => {
  it("creates a draft as version 1 with period 0, shows, lists and keeps its history with the IAM caller", async () => {
    const created = await call("POST", "/experiments", body("checkout"));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "checkout",
      status: "draft",
      version: 1,
      allocation: { type: "fixed" },
    });
    expect(created.body.periods).toEqual([
      {
        index: 0,
        started_at: expect.any(Number),
        weights: { control: 0.5, treatment: 0.5 },
        source: "created",
      },
    ]);
    expect((await call("GET", "/experiments/checkout")).body).toEqual(created.body);
    const listed = (await call("GET", "/experiments")).body.experiments.map((e: { name: string }) => e.name);
    expect(listed).toEqual(["checkout", "default_recommendation_test"]);
    const history = await call("GET", "/experiments/checkout/history");
    expect(history.body.entries).toEqual([
      expect.objectContaining({ version: 1, action: "create", caller: ANA, test_name: "checkout" }),
    ]);
  });

  it("answers 409 experiment_exists to a second create, and leaves the first alone", async () => {
    await call("POST", "/experiments", body("taken"));
    const again = await call("POST", "/experiments", { ...body("taken"), status: "active" });
    expect([again.status, again.body.error.code, fields(again)]).toEqual([
      409,
      "experiment_exists",
      ["name"],
    ]);
    expect((await stored("taken"))?.Status).toBe("draft");
    expect(await historyCount("taken")).toBe(1);
  });

  it.each([
    [
      "weights not summing to 1",
      { name: "bad1", variants: [variant("a", 0.5), variant("b", 0.6)] },
      ["variants"],
    ],
    ["an unknown recipe", { name: "bad2", variants: [variant("a", 1, "aws-nope")] }, ["variants.0.recipe"]],
    ["duplicate ids", { name: "bad3", variants: [variant("a", 0.5), variant("a", 0.5)] }, ["variants.1.id"]],
    [
      "a bandit metric the experiment does not have",
      { ...body("bad4"), allocation: { type: "bandit", metric: "nope" } },
      ["allocation.metric"],
    ],
    ["a completed status at creation", { ...body("bad5"), status: "completed" }, ["status"]],
    [
      "a bandit floor of 0 (it could give an arm weight 0)",
      { ...body("bad6"), allocation: { type: "bandit", metric: "purchase_rate", floor: 0 } },
      ["allocation.floor"],
    ],
    [
      "a bandit floor that holds every arm at its share (floor × variants = 1)",
      { ...body("bad7"), allocation: { type: "bandit", metric: "purchase_rate", floor: 0.5 } },
      ["allocation.floor"],
    ],
    [
      "a bandit on a ratio metric",
      { ...body("bad8"), allocation: { type: "bandit", metric: "recommendation_ctr" } },
      ["allocation.metric"],
    ],
  ])("refuses %s with 400 naming the field, and writes nothing", async (_, payload, expected) => {
    const answer = await call("POST", "/experiments", payload);
    expect([answer.status, answer.body.error.code, fields(answer)]).toEqual([
      400,
      "invalid_request",
      expected,
    ]);
    expect(await stored(payload.name)).toBeUndefined();
    expect(await historyCount(payload.name)).toBe(0);
  });

  it("says why a bandit cannot optimise a ratio metric, on create and on update, and writes nothing", async () => {
    const ratioBandit = { type: "bandit", metric: "fallback_share" };
    const message =
      "fallback_share is a ratio metric: ratio metrics are not supported by the bandit; choose a binomial or mean metric";
    const created = await call("POST", "/experiments", { ...body("ratio_bandit"), allocation: ratioBandit });
    expect([created.status, created.body.error.details]).toEqual([
      400,
      [{ field: "allocation.metric", problem: message }],
    ]);
    expect(await stored("ratio_bandit")).toBeUndefined();

    await call("POST", "/experiments", body("ratio_update"));
    const updated = await call("PUT", "/experiments/ratio_update", {
      version: 1,
      variants: body("ratio_update").variants,
      allocation: ratioBandit,
    });
    expect([updated.status, updated.body.error.details]).toEqual([
      400,
      [{ field: "allocation.metric", problem: message }],
    ]);
    expect((await stored("ratio_update"))?.Version).toBe(1);
    expect(await historyCount("ratio_update")).toBe(1);
  });

  it("refuses a stale version with 409 version_conflict and writes nothing", async () => {
    await call("POST", "/experiments", body("stale"));
    const first = await call("PUT", "/experiments/stale", {
      version: 1,
      variants: [variant("control", 0.4), variant("treatment", 0.6)],
    });
    expect([first.status, first.body.version]).toEqual([200, 2]);
    const late = await call("PUT", "/experiments/stale", {
      version: 1,
      variants: [variant("control", 0.9), variant("treatment", 0.1)],
    });
    expect([late.status, late.body.error.code, fields(late)]).toEqual([409, "version_conflict", ["version"]]);
    expect((await stored("stale"))?.Variants.map((v: { weight: number }) => v.weight)).toEqual([0.4, 0.6]);
    expect(await historyCount("stale")).toBe(2);
  });

  it("walks draft -> active -> paused -> active -> completed, refusing what is not allowed", async () => {
    await call("POST", "/experiments", body("walk"));
    const status = (payload: unknown) => call("POST", "/experiments/walk/status", payload);
    const refusal = async (payload: unknown) => {
      const answer = await status(payload);
      return [answer.status, answer.body.error?.code, fields(answer)];
    };
    expect(await refusal({ status: "paused" })).toEqual([409, "invalid_transition", ["status"]]);
    expect((await status({ status: "active" })).body.status).toBe("active");
    expect((await status({ status: "paused" })).body.status).toBe("paused");
    expect((await status({ status: "active" })).body.status).toBe("active");
    expect(await refusal({ status: "completed", winner: "nobody" })).toEqual([
      400,
      "invalid_request",
      ["winner"],
    ]);
    expect(await refusal({ status: "completed" })).toEqual([400, "invalid_request", ["winner"]]);
    expect(await refusal({ status: "draft" })).toEqual([409, "invalid_transition", ["status"]]);
    const done = await status({ status: "completed", winner: "treatment" });
    expect([done.body.status, done.body.winner, done.body.version]).toEqual(["completed", "treatment", 5]);
    expect(await refusal({ status: "active" })).toEqual([409, "invalid_transition", ["status"]]);
    const edit = await call("PUT", "/experiments/walk", { version: 5, variants: body("walk").variants });
    expect([edit.status, edit.body.error.code]).toEqual([409, "experiment_completed"]);
    const history = (await call("GET", "/experiments/walk/history")).body.entries;
    expect(
      history.map(
        (entry: { action: string; changes: { status?: { to: string } } }) => entry.changes.status?.to,
      ),
    ).toEqual(["draft", "active", "paused", "active", "completed"]);
  });

  it("answers 404 for an unknown experiment and 400 for a bad name", async () => {
    const missing = await call("GET", "/experiments/nobody");
    expect([missing.status, missing.body.error.code]).toEqual([404, "unknown_test"]);
    const bad = await call("POST", "/experiments/bad name!/status", { status: "active" });
    expect(bad.status).toBe(400);
  });

  it("records 'local' as the caller when no IAM identity signed the request (the local platform)", async () => {
    await adminCall(handler, "POST", "/experiments", body("unsigned"));
    const history = await adminCall(handler, "GET", "/experiments/unsigned/history");
    expect(history.body.entries[0].caller).toBe("local");
  });
});
