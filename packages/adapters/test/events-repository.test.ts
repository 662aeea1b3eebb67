import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";
import { beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient } from "../src/dynamodb/document-client";
import type { TrackedEvent } from "../src/dynamodb/event-records";
import { EventsRepository, REPLAY_PARTITIONS, replayPartitionOf } from "../src/dynamodb/events-repository";

let repository: EventsRepository;
let documents: ReturnType<typeof createDocumentClient>;
let table: string;

beforeAll(async () => {
  const { env, tables } = await createTestTables();
  documents = createDocumentClient(env);
  table = tables.events;
  repository = new EventsRepository(documents, table);
});

const event = (overrides: Partial<TrackedEvent> = {}): TrackedEvent => ({
  userId: "u1",
  eventId: "e1",
  eventType: "view",
  timestampMs: 1_764_072_000_000,
  receivedAtMs: 1_764_072_000_500,
  sessionId: "s1",
  itemId: "i1",
  ...overrides,
});

async function stored(userId: string, eventId: string) {
  const { Item } = await documents.send(
    new GetCommand({ TableName: table, Key: { UserId: userId, EventId: eventId }, ConsistentRead: true }),
  );
  return Item;
}

async function pendingIds(): Promise<string[]> {
  const ids: string[] = [];
  for (const partition of REPLAY_PARTITIONS) {
    const page = await repository.pending(partition, Number.MAX_SAFE_INTEGER);
    ids.push(...page.events.map((e) => e.eventId));
  }
  return ids;
}

describe("EventsRepository on DynamoDB Local", () => {
  it("stores an event once: the same key again is a duplicate and changes nothing", async () => {
    expect(await repository.store(event({ userId: "dup" }), { forwardable: false })).toBe("stored");
    expect(
      await repository.store(event({ userId: "dup", eventType: "purchase" }), { forwardable: false }),
    ).toBe("duplicate");
    expect(await stored("dup", "e1")).toMatchObject({ EventType: "view", Timestamp: 1_764_072_000_000 });
  });

  it("stores the recipe's attributes, leaving out the ones the event lacks", async () => {
    await repository.store(
      event({ userId: "attrs", properties: '{"a":1}', eventValue: 3, testName: "t", variant: "v" }),
      { forwardable: false },
    );
    await repository.store(event({ userId: "attrs", eventId: "e2", itemId: undefined }), {
      forwardable: false,
    });
    expect(await stored("attrs", "e1")).toEqual({
      UserId: "attrs",
      EventId: "e1",
      EventType: "view",
      Timestamp: 1_764_072_000_000,
      ReceivedAt: 1_764_072_000_500,
      SessionId: "s1",
      ItemId: "i1",
      EventValue: 3,
      Properties: '{"a":1}',
      TestName: "t",
      Variant: "v",
      // The TTL: 400 days (the default retention) after the event happened, in epoch seconds.
      ExpiresAt: 1_764_072_000 + 400 * 86_400,
    });
    expect(Object.keys((await stored("attrs", "e2")) ?? {})).not.toContain("ItemId");
  });

  it("expires events after the retention it is given", async () => {
    const shortLived = new EventsRepository(documents, table, { retentionDays: 30 });
    await shortLived.store(event({ userId: "ttl", eventId: "e1" }), { forwardable: false });
    expect((await stored("ttl", "e1"))?.ExpiresAt).toBe(1_764_072_000 + 30 * 86_400);
  });

  it("keeps a forwardable event in the replay index until it is marked forwarded", async () => {
    await repository.store(event({ userId: "fwd", eventId: "pending-1" }), { forwardable: true });
    await repository.store(event({ userId: "fwd", eventId: "plain-1" }), { forwardable: false });
    expect(await pendingIds()).toContain("pending-1");
    expect(await pendingIds()).not.toContain("plain-1");
    expect((await stored("fwd", "pending-1"))?.ReplayPartition).toBe(replayPartitionOf("pending-1"));

    await repository.markForwarded("fwd", "pending-1", 1_764_072_009_000);
    expect(await pendingIds()).not.toContain("pending-1");
    const item = await stored("fwd", "pending-1");
    expect(item?.ForwardedAt).toBe(1_764_072_009_000);
    expect(item).not.toHaveProperty("ReplayPartition");
  });

  it("never creates an event or re-stamps a forwarded one when marking", async () => {
    await repository.markForwarded("ghost", "never-stored", 1);
    expect(await stored("ghost", "never-stored")).toBeUndefined();
    await repository.store(event({ userId: "twice", eventId: "p" }), { forwardable: true });
    await repository.markForwarded("twice", "p", 100);
    await repository.markForwarded("twice", "p", 200);
    expect((await stored("twice", "p"))?.ForwardedAt).toBe(100);
  });

  it("lists only pending events received before the cutoff", async () => {
    await repository.store(event({ userId: "cut", eventId: "old", receivedAtMs: 1_000 }), {
      forwardable: true,
    });
    await repository.store(event({ userId: "cut", eventId: "young", receivedAtMs: 9_000 }), {
      forwardable: true,
    });
    const listed: string[] = [];
    for (const partition of REPLAY_PARTITIONS) {
      listed.push(
        ...(await repository.pending(partition, 5_000)).events.map((e) => `${e.userId}/${e.eventId}`),
      );
    }
    expect(listed).toContain("cut/old");
    expect(listed).not.toContain("cut/young");
  });

  it("spreads pending events over every replay partition", () => {
    const partitions = new Set(Array.from({ length: 200 }, (_, i) => replayPartitionOf(`evt-${i}`)));
    expect([...partitions].sort()).toEqual([...REPLAY_PARTITIONS].sort());
  });
});
