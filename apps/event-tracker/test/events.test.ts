import { PutCommand } from "@aws-sdk/lib-dynamodb";
import {
  createPersonalizeEventsClient,
  EventForwarder,
  EventsRepository,
  replayPendingEvents,
} from "@personalize-ab/adapters";
import { metrics } from "@personalize-ab/adapters/powertools";
import { captureMetricOutput } from "@personalize-ab/adapters/testing";
import {
  DEFAULT_TEST_NAME,
  ENV,
  METRIC_DIMENSIONS,
  METRICS,
  metricDimensionNames,
  UNATTRIBUTED,
} from "@personalize-ab/domain";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startTracking, TRACKING_ID, type Tracking } from "./tracking-fixture";

// Generous enough for 50 concurrent forwards on a loaded two-core machine; the slow stand-in
// answers long after it, so giving up is still told apart from answering.
const TIME_BUDGET_MS = 2_500;
const SLOW_PERSONALIZE_MS = 10_000;

let tracking: Tracking;

beforeAll(async () => {
  tracking = await startTracking({ timeoutMs: TIME_BUDGET_MS });
});
afterAll(() => tracking.personalize.stop());
afterEach(async () => {
  vi.restoreAllMocks();
  tracking.personalize.behave({ failure: undefined, delayMs: 0 });
  await tracking.setTrackingId(TRACKING_ID);
});

describe("POST /events", () => {
  it("counts an unassigned user's event in the event metrics' one dimension set, as experiment none", async () => {
    const output = captureMetricOutput(metrics);
    try {
      const answer = await tracking.post({
        user_id: "never-assigned",
        event_type: "view",
        item_id: "item_00001",
      });
      expect(answer.status).toBe(202);
      expect(output.documents).toHaveLength(1);
      const [document] = output.documents;
      const [directive] = document!._aws.CloudWatchMetrics;
      expect(directive!.Metrics.map((metric) => metric.Name)).toEqual([
        METRICS.eventsStored,
        METRICS.eventsForwarded,
      ]);
      expect(directive!.Dimensions).toEqual([metricDimensionNames(METRICS.eventsStored)]);
      expect(document).toMatchObject({
        [METRIC_DIMENSIONS.environment]: "local",
        [METRIC_DIMENSIONS.experiment]: UNATTRIBUTED,
        [METRIC_DIMENSIONS.variant]: UNATTRIBUTED,
      });
    } finally {
      output.restore();
    }
  });

  it("stores the event with every field, forwards it, and marks it forwarded", async () => {
    const answer = await tracking.post({
      user_id: "full-user",
      event_type: "purchase",
      item_id: "item_00007",
      session_id: "session_123",
      recommendation_id: "RID-abc",
      event_value: 19.5,
      properties: { discount: "yes" },
      event_id: "client-evt-1",
      timestamp: 1_764_072_000.25,
    });
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 202,
      body: { event_id: "client-evt-1", duplicate: false, forwarded: true },
    });
    const [stored] = await tracking.eventsOf("full-user");
    expect(stored).toEqual({
      UserId: "full-user",
      EventId: "client-evt-1",
      EventType: "purchase",
      Timestamp: 1_764_072_000_250,
      ReceivedAt: expect.any(Number),
      ExpiresAt: 1_764_072_000 + 400 * 86_400,
      SessionId: "session_123",
      ItemId: "item_00007",
      RecommendationId: "RID-abc",
      EventValue: 19.5,
      Properties: '{"discount":"yes"}',
      ForwardedAt: expect.any(Number),
    });
    expect(tracking.forwardedFor("full-user").map((call) => call.body)).toEqual([
      {
        trackingId: TRACKING_ID,
        userId: "full-user",
        sessionId: "session_123",
        eventList: [
          {
            eventId: "client-evt-1",
            eventType: "purchase",
            itemId: "item_00007",
            sentAt: 1_764_072_000.25,
            recommendationId: "RID-abc",
            properties: '{"discount":"yes"}',
            eventValue: 19.5,
          },
        ],
      },
    ]);
  });

  it("generates a sortable id, stamps receipt time, and uses the user as session, as the recipe", async () => {
    const before = Date.now();
    const answer = await tracking.post({ user_id: "plain-user", event_type: "view", item_id: "i1" });
    const [stored] = await tracking.eventsOf("plain-user");
    expect(answer.body.event_id).toMatch(/^[0-9A-Z]{26}$/);
    expect(stored).toMatchObject({ EventId: answer.body.event_id, SessionId: "plain-user" });
    expect(stored?.Timestamp).toBeGreaterThanOrEqual(before);
    expect(stored?.Timestamp).toBeLessThanOrEqual(Date.now());
  });

  it("keeps two events of one user in the same millisecond, both", async () => {
    vi.spyOn(Date, "now").mockReturnValue(1_764_072_000_123);
    const body = { user_id: "same-ms", event_type: "click", item_id: "i1" };
    const answers = await Promise.all([tracking.post(body), tracking.post(body)]);
    vi.restoreAllMocks();
    expect(answers.map((a) => a.status)).toEqual([202, 202]);
    const stored = await tracking.eventsOf("same-ms");
    expect(stored).toHaveLength(2);
    expect(stored.map((item) => item.Timestamp)).toEqual([1_764_072_000_123, 1_764_072_000_123]);
    expect(new Set(stored.map((item) => item.EventId)).size).toBe(2);
  });

  it("stores one event_id posted 50 times at once exactly once, forwards it once, and says duplicate 49 times", async () => {
    const body = { user_id: "retrying", event_type: "cart", item_id: "i5", event_id: "retry-1" };
    const answers = await Promise.all(Array.from({ length: 50 }, () => tracking.post(body)));
    expect(answers.every((a) => a.status === 202 && a.body.event_id === "retry-1")).toBe(true);
    expect(answers.filter((a) => a.body.duplicate === true)).toHaveLength(49);
    expect(answers.filter((a) => a.body.duplicate === false && a.body.forwarded === true)).toHaveLength(1);
    expect(await tracking.eventsOf("retrying")).toHaveLength(1);
    expect(tracking.forwardedFor("retrying")).toHaveLength(1);
  });

  it("never lets a repeated event_id overwrite the stored event", async () => {
    await tracking.post({ user_id: "keeper", event_type: "view", item_id: "first", event_id: "k-1" });
    await tracking.post({ user_id: "keeper", event_type: "purchase", item_id: "second", event_id: "k-1" });
    expect(await tracking.eventsOf("keeper")).toEqual([
      expect.objectContaining({ EventType: "view", ItemId: "first" }),
    ]);
  });

  it("attributes the event to the user's stored variant of the default experiment", async () => {
    await tracking.documents.send(
      new PutCommand({
        TableName: tracking.tables.assignments,
        Item: {
          UserId: "assigned",
          TestName: DEFAULT_TEST_NAME,
          Variant: "variant_b",
          AssignmentTimestamp: 1,
        },
      }),
    );
    await tracking.post({ user_id: "assigned", event_type: "view", item_id: "i1" });
    expect((await tracking.eventsOf("assigned"))[0]).toMatchObject({
      TestName: DEFAULT_TEST_NAME,
      Variant: "variant_b",
    });
  });

  it("stores a never-assigned user's event unattributed, and assigns nobody", async () => {
    await tracking.post({ user_id: "unassigned", event_type: "view", item_id: "i1" });
    const [stored] = await tracking.eventsOf("unassigned");
    expect(stored).not.toHaveProperty("TestName");
    expect(stored).not.toHaveProperty("Variant");
    expect(await tracking.assignmentOf("unassigned", DEFAULT_TEST_NAME)).toBeUndefined();
  });
});

describe("forwarding to Personalize", () => {
  it("keeps an event Personalize refused, marked for replay, and still answers 202; replay sends it later", async () => {
    tracking.personalize.behave({ failure: { status: 500, type: "InternalServerError" } });
    const answer = await tracking.post({
      user_id: "refused",
      event_type: "view",
      item_id: "i1",
      event_id: "r-1",
    });
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 202,
      body: { event_id: "r-1", duplicate: false, forwarded: false },
    });
    const [stored] = await tracking.eventsOf("refused");
    expect(stored).toMatchObject({ EventId: "r-1", ReplayPartition: expect.stringMatching(/^pending#\d$/) });
    expect(stored).not.toHaveProperty("ForwardedAt");

    // A retry by the client is a duplicate and does not forward again: replay owns it now.
    tracking.personalize.behave({ failure: undefined });
    const retry = await tracking.post({
      user_id: "refused",
      event_type: "view",
      item_id: "i1",
      event_id: "r-1",
    });
    expect(retry.body).toEqual({ event_id: "r-1", duplicate: true, forwarded: false });
    const sentBeforeReplay = tracking.forwardedFor("refused").length;

    const report = await replayPendingEvents({
      events: new EventsRepository(tracking.documents, tracking.tables.events),
      forwarder: new EventForwarder(
        createPersonalizeEventsClient({ [ENV.personalizeEventsEndpoint]: tracking.personalize.endpoint }),
      ),
      trackingId: TRACKING_ID,
      graceMs: 0,
      now: () => Date.now() + 1,
    });
    expect(report.replayed).toBeGreaterThanOrEqual(1);
    expect(tracking.forwardedFor("refused").length).toBe(sentBeforeReplay + 1);
    expect((await tracking.eventsOf("refused"))[0]).not.toHaveProperty("ReplayPartition");
  });

  it("gives up on a slow Personalize within the time budget and keeps the event for replay", async () => {
    tracking.personalize.behave({ delayMs: SLOW_PERSONALIZE_MS });
    const started = performance.now();
    const answer = await tracking.post({ user_id: "slow", event_type: "view", item_id: "i1" });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(TIME_BUDGET_MS);
    expect(elapsed).toBeLessThan(SLOW_PERSONALIZE_MS);
    expect(answer.body).toMatchObject({ duplicate: false, forwarded: false });
    expect((await tracking.eventsOf("slow"))[0]).toHaveProperty("ReplayPartition");
  });

  it("does not forward, nor mark for replay, an event without an item", async () => {
    const answer = await tracking.post({ user_id: "no-item", event_type: "page_view" });
    expect(answer.body).toMatchObject({ forwarded: false });
    expect(tracking.forwardedFor("no-item")).toEqual([]);
    expect((await tracking.eventsOf("no-item"))[0]).not.toHaveProperty("ReplayPartition");
  });

  it("does not forward when no tracking id is configured, and takes the environment's when config has none", async () => {
    await tracking.setTrackingId(undefined);
    const answer = await tracking.post({ user_id: "untracked", event_type: "view", item_id: "i1" });
    expect(answer.body).toMatchObject({ forwarded: false });
    expect(tracking.forwardedFor("untracked")).toEqual([]);
    expect((await tracking.eventsOf("untracked"))[0]).not.toHaveProperty("ReplayPartition");

    process.env[ENV.trackingId] = "tracking-from-env";
    try {
      await tracking.post({ user_id: "env-tracked", event_type: "view", item_id: "i1" });
    } finally {
      delete process.env[ENV.trackingId];
    }
    expect(tracking.forwardedFor("env-tracked").map((call) => call.body.trackingId)).toEqual([
      "tracking-from-env",
    ]);
  });
});
