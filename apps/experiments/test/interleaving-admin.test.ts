import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { createDocumentClient } from "@personalize-ab/adapters";
import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";
import { beforeAll, describe, expect, it } from "vitest";
import { adminCall } from "./support/admin-call";

type Handler = typeof import("../src/handler").handler;
let handler: Handler;
let experimentsTable: string;

const variant = (id: string, weight: number) => ({
  id,
  weight,
  recipe: "aws-user-personalization",
  description: id,
});
const pair = [variant("current", 0.5), variant("candidate", 0.5)];
const call = (method: string, path: string, payload?: unknown) => adminCall(handler, method, path, payload);
const fields = (answer: { body: { error?: { details: { field: string }[] } } }) =>
  answer.body.error?.details.map((detail) => detail.field);

beforeAll(async () => {
  const created = await createTestTables();
  experimentsTable = created.tables.experiments;
  Object.assign(process.env, created.env);
  ({ handler } = await import("../src/handler"));
});

describe("interleaving experiments through the admin API", () => {
  it("creates one with its kind stored, and keeps the kind once started", async () => {
    const created = await call("POST", "/experiments", {
      name: "rankers",
      status: "active",
      kind: "interleaving",
      variants: pair,
    });
    expect([created.status, created.body.kind]).toEqual([201, "interleaving"]);
    const { Item } = await createDocumentClient().send(
      new GetCommand({ TableName: experimentsTable, Key: { TestName: "rankers" } }),
    );
    expect(Item?.Kind).toBe("interleaving");

    const changed = await call("PUT", "/experiments/rankers", { version: 1, kind: "ab", variants: pair });
    expect([changed.status, changed.body.error.code, fields(changed)]).toEqual([
      409,
      "experiment_started",
      ["kind"],
    ]);
  });

  it.each([
    ["an unknown kind", { kind: "multileave", variants: pair }, ["kind"]],
    ["one variant", { kind: "interleaving", variants: [variant("only", 1)] }, ["variants"]],
    [
      "a bandit allocation",
      { kind: "interleaving", variants: pair, allocation: { type: "bandit", metric: "purchase_rate" } },
      ["allocation.type"],
    ],
  ])("refuses an interleaving experiment with %s: 400 naming the field", async (_, payload, expected) => {
    const answer = await call("POST", "/experiments", { name: "bad_rankers", ...payload });
    expect([answer.status, answer.body.error.code, fields(answer)]).toEqual([
      400,
      "invalid_request",
      expected,
    ]);
  });
});
