import { PutCommand } from "@aws-sdk/lib-dynamodb";
import {
  createDocumentClient,
  EventsRepository,
  ExposureLog,
  experimentItem,
} from "@personalize-ab/adapters";
import type { ExperimentInput } from "@personalize-ab/domain";
import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";
import { interleavingPreference } from "@personalize-ab/statistics";
import { beforeAll, describe, expect, it } from "vitest";
import { adminCall } from "./support/admin-call";
import { countStreams } from "./support/count-streams";

type Handler = typeof import("../src/handler").handler;
let handler: Handler;

const getResults = (testName: string) =>
  adminCall(handler, "GET", `/experiments/${encodeURIComponent(testName)}/results`);

const ACTIVE_FROM = 1_000;
const experiment: ExperimentInput = {
  name: "ranker_interleaving",
  status: "active",
  kind: "interleaving",
  variants: [
    { id: "current", weight: 0.5, recipe: "aws-user-personalization", description: "current" },
    { id: "candidate", weight: 0.5, recipe: "aws-user-personalization", description: "candidate" },
  ],
  active_spans: [{ started_at: ACTIVE_FROM }],
};

const ITEMS = ["a1", "b1", "a2", "b2"];
const TEAMS = ["current", "candidate", "current", "candidate"];

beforeAll(async () => {
  const created = await createTestTables();
  Object.assign(process.env, created.env);
  const documents = createDocumentClient();
  const { tables } = created;
  await documents.send(new PutCommand({ TableName: tables.experiments, Item: experimentItem(experiment) }));
  const exposures = new ExposureLog(documents, tables.events);
  const events = new EventsRepository(documents, tables.events);
  const show = (
    userId: string,
    recommendationId: string,
    testName = experiment.name,
    failed: string[] = [],
  ) =>
    exposures.record({
      userId,
      recommendationId,
      testName,
      variant: "interleaved",
      algorithm: "Team-draft interleaving of current, candidate",
      itemIds: failed.length > 0 ? ["a1", "a2"] : ITEMS,
      source: "personalize",
      servedAtMs: 2_000,
      interleaving: {
        teams: failed.length > 0 ? ["current", "current"] : TEAMS,
        failed: failed.map((variant) => ({ variant, reason: "timeout" })),
      },
    });
  const act = (
    userId: string,
    eventId: string,
    recommendationId: string,
    itemId: string,
    receivedAtMs = 3_000,
  ) =>
    events.store(
      {
        userId,
        eventId,
        eventType: "view",
        timestampMs: receivedAtMs,
        receivedAtMs,
        sessionId: userId,
        itemId,
        recommendationId,
      },
      { forwardable: false },
    );
  // Users 0-5 prefer current (a win each), users 6-7 and 13 the candidate; 8 ties.
  for (let user = 0; user < 9; user++) {
    const recommendationId = `interleaved-r${user}`;
    await show(`u${user}`, recommendationId);
    if (user < 6) await act(`u${user}`, `e${user}`, recommendationId, "a1");
    else if (user < 8) await act(`u${user}`, `e${user}`, recommendationId, "b2");
    else {
      await act(`u${user}`, `e${user}-a`, recommendationId, "a2");
      await act(`u${user}`, `e${user}-b`, recommendationId, "b1");
    }
  }
  // A retried event (same event_id) is stored once; user 6's second impression is a candidate win.
  await show("u6", "interleaved-r6-second");
  await act("u6", "e6-second", "interleaved-r6-second", "b1");
  expect(await act("u6", "e6-second", "interleaved-r6-second", "b1")).toBe("duplicate");
  // Not counted: a click received before the experiment was active, an impression the candidate
  // failed for, and another interleaving experiment's impression.
  await show("u9", "interleaved-r9");
  await act("u9", "e9", "interleaved-r9", "b1", 500);
  await show("u10", "interleaved-r10", experiment.name, ["candidate"]);
  await act("u10", "e10", "interleaved-r10", "a1");
  await show("u11", "interleaved-r11", "another_test");
  await act("u11", "e11", "interleaved-r11", "a1");
  // Nor a list of this experiment that was not interleaved (served the winner once completed).
  await exposures.record({
    userId: "u12",
    recommendationId: "RID-winner-12",
    testName: experiment.name,
    variant: "candidate",
    algorithm: "candidate",
    itemIds: ["b1"],
    source: "personalize",
    servedAtMs: 2_000,
  });
  await act("u12", "e12", "RID-winner-12", "b1");
  // A click stored before its exposure is credited once the exposure is counted.
  await act("u13", "e13", "interleaved-r13", "b1");
  await show("u13", "interleaved-r13");
  // The results read the counters: the stream consumer counts the raw records first.
  await countStreams(created.endpoint, tables);
  ({ handler } = await import("../src/handler"));
});

describe("GET /experiments/{test_name}/results for an interleaving experiment", () => {
  it("credits each clicked impression once and tests the per-user preference over users", async () => {
    const { status, body } = await getResults(experiment.name);
    expect(status).toBe(200);
    const expected = interleavingPreference([
      ...Array.from({ length: 6 }, () => ({ wins: 1, losses: 0, ties: 0 })),
      { wins: 0, losses: 2, ties: 0 },
      { wins: 0, losses: 1, ties: 0 },
      { wins: 0, losses: 0, ties: 1 },
      { wins: 0, losses: 1, ties: 0 },
    ]);
    expect(body).toMatchObject({
      test_name: "ranker_interleaving",
      status: "active",
      kind: "interleaving",
      variants: ["current", "candidate"],
      impressions: 13,
      clicked_impressions: 12,
      failures: { current: 0, candidate: 1 },
      pairs: [
        {
          a: "current",
          b: "candidate",
          wins: 6,
          losses: 4,
          ties: 1,
          users: 10,
          significant: expected.significant,
          users_preferring: { a: 6, b: 3, neither: 1 },
        },
      ],
    });
    // From the cells' sums, as interleavingPreference gives it from each user's credits, to rounding.
    const [pair] = body.pairs;
    expect(pair.preference).toBeCloseTo(3 / 10, 12);
    expect(pair.preference).toBeCloseTo(expected.preference, 12);
    expect(pair.ci[0]).toBeCloseTo(expected.ci[0], 12);
    expect(pair.ci[1]).toBeCloseTo(expected.ci[1], 12);
    expect(pair.p_value).toBeCloseTo(expected.p_value, 12);
  });
});
