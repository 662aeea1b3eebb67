import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { createDocumentClient, EventsRepository, type TrackedEvent } from "@personalize-ab/adapters";
import { lambdaContext } from "@personalize-ab/adapters/http";
import {
  type LocalPersonalize,
  platformConfigItem,
  startLocalPersonalize,
} from "@personalize-ab/adapters/testing";
import { ENV, PLATFORM_CONFIG_KEY } from "@personalize-ab/domain";
import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Handler = typeof import("../src/handler").handler;
let handler: Handler;
let personalize: LocalPersonalize;
let documents: ReturnType<typeof createDocumentClient>;
let tables: Awaited<ReturnType<typeof createTestTables>>["tables"];
let events: EventsRepository;

beforeAll(async () => {
  const created = await createTestTables();
  tables = created.tables;
  personalize = await startLocalPersonalize();
  Object.assign(process.env, created.env, {
    [ENV.personalizeEventsEndpoint]: personalize.endpoint,
    [ENV.configCacheTtlSeconds]: "0",
  });
  delete process.env[ENV.trackingId];
  documents = createDocumentClient(created.env);
  events = new EventsRepository(documents, tables.events);
  ({ handler } = await import("../src/handler"));
});

afterAll(() => personalize?.stop());

const minutesAgo = (minutes: number) => Date.now() - minutes * 60_000;

function owed(userId: string, eventId: string, receivedAtMs: number): TrackedEvent {
  return {
    userId,
    eventId,
    eventType: "purchase",
    timestampMs: receivedAtMs - 500,
    receivedAtMs,
    sessionId: `${userId}-session`,
    itemId: "item_00042",
    eventValue: 1,
  };
}

async function stored(userId: string, eventId: string) {
  const { Item } = await documents.send(
    new GetCommand({
      TableName: tables.events,
      Key: { UserId: userId, EventId: eventId },
      ConsistentRead: true,
    }),
  );
  return Item;
}

const setTrackingId = (trackingId: string | undefined) =>
  documents.send(new PutCommand({ TableName: tables.experiments, Item: platformConfigItem({ trackingId }) }));

const run = () => handler({}, lambdaContext("event-replay"));

describe("the scheduled event replay", () => {
  it("leaves owed events alone while no tracking id is configured", async () => {
    await events.store(owed("no-tracker", "e-0", minutesAgo(10)), { forwardable: true });
    expect(await run()).toMatchObject({ replayed: 0, failed: 0 });
    expect(personalize.received).toEqual([]);
    expect(await stored("no-tracker", "e-0")).toHaveProperty("ReplayPartition");
  });

  it("sends each owed event once, takes it out of the index, and waits for ones still in flight", async () => {
    await setTrackingId("tracking-42");
    await events.store(owed("late", "e-1", minutesAgo(5)), { forwardable: true });
    await events.store(owed("in-flight", "e-2", Date.now()), { forwardable: true });

    const report = await run();
    const sent = personalize.received.filter((call) => call.path === "/events").map((call) => call.body);
    expect(report).toMatchObject({ replayed: 2, failed: 0 });
    expect(sent).toHaveLength(2);
    expect(sent).toContainEqual({
      trackingId: "tracking-42",
      userId: "late",
      sessionId: "late-session",
      eventList: [
        {
          eventId: "e-1",
          eventType: "purchase",
          itemId: "item_00042",
          sentAt: expect.any(Number),
          eventValue: 1,
        },
      ],
    });
    expect(await stored("late", "e-1")).not.toHaveProperty("ReplayPartition");
    expect(await stored("late", "e-1")).toHaveProperty("ForwardedAt");
    expect(await stored("in-flight", "e-2")).toHaveProperty("ReplayPartition");

    // A second run finds nothing more that is due.
    personalize.received.length = 0;
    expect(await run()).toMatchObject({ replayed: 0, failed: 0 });
    expect(personalize.received).toEqual([]);
  });

  it("keeps an event owed when Personalize refuses it again", async () => {
    await events.store(owed("refused", "e-3", minutesAgo(3)), { forwardable: true });
    personalize.behave({ failure: { status: 500, type: "InternalServerError" } });
    try {
      expect(await run()).toMatchObject({ failed: 1 });
    } finally {
      personalize.behave({ failure: undefined });
    }
    expect(await stored("refused", "e-3")).toHaveProperty("ReplayPartition");
    expect(await run()).toMatchObject({ replayed: 1, failed: 0 });
    expect(await stored("refused", "e-3")).not.toHaveProperty("ReplayPartition");
  });

  it("reads the tracking id from the platform record, the one the pipeline publishes", async () => {
    const { Item } = await documents.send(
      new GetCommand({ TableName: tables.experiments, Key: { TestName: PLATFORM_CONFIG_KEY } }),
    );
    expect(Item?.TrackingId).toBe("tracking-42");
  });
});
