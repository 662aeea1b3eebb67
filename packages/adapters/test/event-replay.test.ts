import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient } from "../src/dynamodb/document-client";
import type { TrackedEvent } from "../src/dynamodb/event-records";
import { EventsRepository, REPLAY_PARTITIONS, replayPartitionOf } from "../src/dynamodb/events-repository";
import { createPersonalizeEventsClient, EventForwarder } from "../src/personalize/event-forwarder";
import { replayPendingEvents } from "../src/personalize/event-replay";
import { type LocalPersonalize, startLocalPersonalize } from "../src/testing/local-personalize";

let personalize: LocalPersonalize;
let events: EventsRepository;
let forwarder: EventForwarder;
let documents: ReturnType<typeof createDocumentClient>;
let table: string;

beforeAll(async () => {
  const { env, tables } = await createTestTables();
  personalize = await startLocalPersonalize();
  documents = createDocumentClient(env);
  table = tables.events;
  events = new EventsRepository(documents, table);
  forwarder = new EventForwarder(
    createPersonalizeEventsClient({ ...env, PERSONALIZE_EVENTS_ENDPOINT: personalize.endpoint }),
  );
});

afterAll(() => personalize.stop());

const NOW = 1_764_072_100_000;
const event = (eventId: string, receivedAtMs: number): TrackedEvent => ({
  userId: "replay-user",
  eventId,
  eventType: "click",
  timestampMs: receivedAtMs - 10,
  receivedAtMs,
  sessionId: "s",
  itemId: `item-${eventId}`,
  recommendationId: "RID-9",
});

async function stored(eventId: string) {
  const { Item } = await documents.send(
    new GetCommand({
      TableName: table,
      Key: { UserId: "replay-user", EventId: eventId },
      ConsistentRead: true,
    }),
  );
  return Item;
}

describe("replayPendingEvents", () => {
  it("re-sends every pending event past the grace period once, and clears its mark", async () => {
    for (let n = 0; n < 12; n++) await events.store(event(`old-${n}`, NOW - 120_000), { forwardable: true });
    await events.store(event("young", NOW - 1_000), { forwardable: true });
    await events.store(event("not-owed", NOW - 120_000), { forwardable: false });

    const report = await replayPendingEvents({ events, forwarder, trackingId: "track-9", now: () => NOW });

    expect(report).toMatchObject({ replayed: 12, failed: 0 });
    const sent = personalize.received.filter((call) => call.path === "/events").map((call) => call.body);
    expect(sent).toHaveLength(12);
    expect(sent.map((body) => (body.eventList as { eventId: string }[])[0]?.eventId).sort()).toEqual(
      Array.from({ length: 12 }, (_, n) => `old-${n}`).sort(),
    );
    expect(sent[0]).toMatchObject({ trackingId: "track-9", userId: "replay-user", sessionId: "s" });
    expect((await stored("old-3"))?.ForwardedAt).toBe(NOW);
    expect(await stored("old-3")).not.toHaveProperty("ReplayPartition");
    expect(await stored("young")).toHaveProperty("ReplayPartition");

    // A second run finds nothing left to send.
    expect(
      await replayPendingEvents({ events, forwarder, trackingId: "track-9", now: () => NOW }),
    ).toMatchObject({
      replayed: 0,
      failed: 0,
    });
  });

  it("leaves an event that fails again pending for the next run", async () => {
    await events.store(event("stubborn", NOW - 120_000), { forwardable: true });
    personalize.behave({ failure: { status: 500, type: "InternalServerError" } });
    const failed = await replayPendingEvents({ events, forwarder, trackingId: "t", now: () => NOW });
    personalize.behave({ failure: undefined });
    expect(failed).toMatchObject({ replayed: 0, failed: 1 });
    expect(await stored("stubborn")).toHaveProperty("ReplayPartition");

    expect(await replayPendingEvents({ events, forwarder, trackingId: "t", now: () => NOW })).toMatchObject({
      replayed: 1,
      failed: 0,
    });
    expect(await stored("stubborn")).not.toHaveProperty("ReplayPartition");
  });

  it("makes an event that keeps failing a dead letter after its attempts: kept, counted, never sent again", async () => {
    await events.store(event("refused-forever", NOW - 120_000), { forwardable: true });
    personalize.behave({ failure: { status: 500, type: "InternalServerError" } });
    const options = { events, forwarder, trackingId: "t", now: () => NOW, maxAttempts: 2 };
    try {
      expect(await replayPendingEvents(options)).toMatchObject({ failed: 1, deadLettered: 0 });
      expect(await stored("refused-forever")).toMatchObject({ ReplayAttempts: 1 });
      expect(await stored("refused-forever")).toHaveProperty("ReplayPartition");
      expect(await replayPendingEvents(options)).toMatchObject({ failed: 1, deadLettered: 1 });
    } finally {
      personalize.behave({ failure: undefined });
    }
    const kept = await stored("refused-forever");
    expect(kept).toMatchObject({ ReplayAttempts: 2, DeadLetteredAt: NOW, EventType: "click" });
    expect(kept).not.toHaveProperty("ReplayPartition");
    const sentBefore = personalize.received.length;
    expect(await replayPendingEvents(options)).toMatchObject({ replayed: 0, failed: 0, deadLettered: 0 });
    expect(personalize.received.length).toBe(sentBefore);
  });
});

describe("replayPendingEvents within a time budget", () => {
  it("takes a page of each partition in turn and stops at the deadline, leaving the rest pending", async () => {
    const fresh = await createTestTables();
    const freshEvents = new EventsRepository(createDocumentClient(fresh.env), fresh.tables.events);
    // Ten owed events in every replay partition.
    const byPartition = new Map<string, string[]>(REPLAY_PARTITIONS.map((partition) => [partition, []]));
    for (let n = 0; byPartition.size > 0 && [...byPartition.values()].some((ids) => ids.length < 10); n++) {
      const id = `rr-${n}`;
      const ids = byPartition.get(replayPartitionOf(id))!;
      if (ids.length >= 10) continue;
      ids.push(id);
      await freshEvents.store(event(id, NOW - 120_000), { forwardable: true });
    }
    // Each send takes 100 ms of a clock the test owns; the budget is 800 ms.
    let clock = NOW;
    const timed = {
      forward: async (...args: Parameters<EventForwarder["forward"]>) => {
        clock += 100;
        return forwarder.forward(...args);
      },
    } as EventForwarder;
    const sentBefore = personalize.received.length;
    const report = await replayPendingEvents({
      events: freshEvents,
      forwarder: timed,
      trackingId: "t",
      now: () => clock,
      deadlineMs: NOW + 800,
      pageSize: 2,
    });
    expect(report).toEqual({ replayed: 8, failed: 0, deadLettered: 0, budgetExhausted: true });
    const sent = personalize.received
      .slice(sentBefore)
      .map((call) => (call.body.eventList as { eventId: string }[])[0]!.eventId);
    // Two from each of the four partitions, not eight from the first.
    for (const [partition, ids] of byPartition) {
      expect(
        sent.filter((id) => ids.includes(id)),
        partition,
      ).toHaveLength(2);
    }
  });
});
