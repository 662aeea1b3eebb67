import { PutCommand } from "@aws-sdk/lib-dynamodb";
import {
  AssignmentsRepository,
  createDocumentClient,
  EventsRepository,
  ExposureLog,
  experimentItem,
  readExperimentCounters,
  type TrackedEvent,
} from "@personalize-ab/adapters";
import { DEFAULT_TEST_NAME, type ExperimentInput, enrollmentPeriod } from "@personalize-ab/domain";
import type { TableNames } from "@personalize-ab/dynamodb-local";
import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";
import { beforeAll, describe, expect, it } from "vitest";
import { type CounterRun, reconcileRun, runCounters } from "./support/counter-run";

const TEST = "ratio_test";
const EXPERIMENT: ExperimentInput = {
  name: TEST,
  status: "active",
  variants: [
    { id: "a", weight: 0.5, recipe: "aws-sims", description: "a" },
    { id: "b", weight: 0.5, recipe: "aws-sims", description: "b" },
  ],
  metrics: [
    { name: "buyers", kind: "binomial", role: "primary", numerator: { event_types: ["purchase"] } },
    {
      name: "revenue",
      kind: "mean",
      role: "secondary",
      numerator: { event_types: ["purchase"], value: "event_value" },
    },
    {
      name: "ctr",
      kind: "ratio",
      role: "secondary",
      numerator: { event_types: ["click"], with_recommendation: true },
      denominator: { event_types: ["recommendation_served"] },
    },
  ],
};

const freshTables = async () => (await createTestTables()).tables;
let endpoint: string;
let raw: TableNames;
let run: CounterRun;
const enrolledAtMs = Date.now() - 60_000;
const period = enrollmentPeriod(enrolledAtMs);

beforeAll(async () => {
  const created = await createTestTables();
  endpoint = created.endpoint;
  raw = created.tables;
  const documents = createDocumentClient(created.env);
  await documents.send(new PutCommand({ TableName: raw.experiments, Item: experimentItem(EXPERIMENT) }));
  const assignments = new AssignmentsRepository(documents, raw.assignments);
  const events = new EventsRepository(documents, raw.events);
  const exposures = new ExposureLog(documents, raw.events);
  let n = 0;
  const event = async (userId: string, fields: Partial<TrackedEvent> & { receivedAtMs: number }) => {
    n += 1;
    const tracked: TrackedEvent = {
      userId,
      eventId: `e-${n}`,
      eventType: "click",
      timestampMs: fields.receivedAtMs,
      sessionId: "s",
      ...fields,
    };
    await events.store(tracked, { forwardable: true });
    return tracked;
  };
  const expose = (
    userId: string,
    recommendationId: string,
    testName = TEST,
    source: "personalize" | "fallback" = "personalize",
  ) =>
    exposures.record({
      userId,
      recommendationId,
      testName,
      variant: testName === TEST ? "a" : "variant_a",
      algorithm: "aws-sims",
      itemIds: ["i1", "i2", "i3"],
      source,
      servedAtMs: enrolledAtMs + 5,
    });
  const enroll = (userId: string, testName = TEST) =>
    assignments.claim({
      userId,
      testName,
      variant: testName === TEST ? "a" : "variant_a",
      assignedAt: Math.floor(enrolledAtMs / 1000),
      enrolledAtMs,
    });

  // u1: sample history before enrolling, in both experiments, then exposures and events.
  await event("u1", { eventType: "purchase", eventValue: 99, receivedAtMs: enrolledAtMs - 10_000 });
  await enroll("u1");
  await enroll("u1", DEFAULT_TEST_NAME);
  await event("u1", { eventType: "purchase", eventValue: 7, receivedAtMs: enrolledAtMs - 1 });
  // The client's clock says an hour before enrollment; the server received it after: it counts.
  await event("u1", {
    eventType: "purchase",
    eventValue: 10.5,
    receivedAtMs: enrolledAtMs,
    timestampMs: enrolledAtMs - 3_600_000,
  });
  for (const id of ["r1", "r2", "r3"]) await expose("u1", id);
  await expose("u1", "d1", DEFAULT_TEST_NAME, "fallback");
  const forwarded = await event("u1", {
    recommendationId: "r1",
    itemId: "i2",
    receivedAtMs: enrolledAtMs + 10,
  });
  await event("u1", { recommendationId: "r2", receivedAtMs: enrolledAtMs + 11 });
  await event("u1", { receivedAtMs: enrolledAtMs + 12 }); // no recommendation: not a recommendation click
  await event("u1", { recommendationId: "d1", receivedAtMs: enrolledAtMs + 13 }); // the other experiment's
  await event("u1", { recommendationId: "unknown", receivedAtMs: enrolledAtMs + 14 }); // no such exposure
  // A modification of a stored event (its forward bookkeeping) is not a new event.
  await events.markForwarded("u1", forwarded.eventId, enrolledAtMs + 20);
  // u2: one exposure, no click. u3: two exposures, one click.
  await enroll("u2");
  await expose("u2", "r4");
  await enroll("u3");
  await expose("u3", "r5");
  await expose("u3", "r6");
  await event("u3", { recommendationId: "r6", receivedAtMs: enrolledAtMs + 30 });
  // u4 is enrolled in nothing: its events count nowhere.
  await event("u4", { eventType: "purchase", eventValue: 5, receivedAtMs: enrolledAtMs + 40 });

  run = await runCounters({ endpoint, raw, freshTables, shards: 4 });
});

describe("experiment attribution", () => {
  it("counts from enrollment on, by server receive time, and per-user ratio sums exactly", async () => {
    const documents = createDocumentClient({ DYNAMODB_ENDPOINT: endpoint });
    const cells = await readExperimentCounters(documents, run.counters, TEST, { shards: 4 });
    expect(cells).toEqual([
      { period, stratum: "p0", variant: "a", metric: "buyers", stats: { n: 3, sum: 1, sum_squares: 1 } },
      // Per user clicks x = [2, 0, 1] on exposures d = [3, 1, 2]: Σxd = 6 + 0 + 2.
      {
        period,
        stratum: "p0",
        variant: "a",
        metric: "ctr",
        stats: { n: 3, sum: 3, sum_squares: 5, den_sum: 6, den_sum_squares: 14, cross_sum: 8 },
      },
      {
        period,
        stratum: "p0",
        variant: "a",
        metric: "revenue",
        stats: { n: 3, sum: 10.5, sum_squares: 110.25 },
      },
    ]);
  });

  it("counts an event for every experiment the user is enrolled in, and exposures only for their own", async () => {
    const documents = createDocumentClient({ DYNAMODB_ENDPOINT: endpoint });
    const cells = await readExperimentCounters(documents, run.counters, DEFAULT_TEST_NAME, { shards: 4 });
    const byMetric = Object.fromEntries(cells.map((cell) => [cell.metric, cell.stats]));
    expect(cells.every((cell) => cell.variant === "variant_a" && cell.period === period)).toBe(true);
    expect(byMetric.purchase_rate).toEqual({ n: 1, sum: 1, sum_squares: 1 });
    expect(byMetric.revenue_per_user).toEqual({ n: 1, sum: 10.5, sum_squares: 110.25 });
    // One exposure of this experiment (a fallback) and the one click linked to it.
    expect(byMetric.fallback_share).toEqual({
      n: 1,
      sum: 1,
      sum_squares: 1,
      den_sum: 1,
      den_sum_squares: 1,
      cross_sum: 1,
    });
    expect(byMetric.recommendation_ctr).toEqual({
      n: 1,
      sum: 1,
      sum_squares: 1,
      den_sum: 1,
      den_sum_squares: 1,
      cross_sum: 1,
    });
    expect(byMetric.add_to_cart_rate).toEqual({ n: 1, sum: 0, sum_squares: 0 });
  });

  it("reconciles with zero differences", async () => {
    const reports = await reconcileRun(endpoint, raw, run, [TEST, DEFAULT_TEST_NAME], 4);
    expect(reports.map((report) => [report.users, report.differences])).toEqual([
      [3, []],
      [1, []],
    ]);
  });
});
