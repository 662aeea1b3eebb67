import type { DynamoDBRecord } from "aws-lambda";
import { beforeEach, describe, expect, it } from "vitest";
import { eventIdOf, recordingHandler, runner, sequenceOf, streamTable } from "./stream-fixture";

let table: Awaited<ReturnType<typeof streamTable>>;
beforeEach(async () => {
  table = await streamTable();
});

describe("batches in Lambda's shape", () => {
  it("delivers every record once, in write order per key, in batches of at most batchSize", async () => {
    const writes: [string, string][] = Array.from({ length: 45 }, (_, n) => [
      `u${n % 3}`,
      `e${String(n).padStart(2, "0")}`,
    ]);
    await table.put(...writes.slice(0, 20));
    const { handler, invocations } = recordingHandler();
    const consumer = await runner({
      endpoint: table.endpoint,
      tableName: table.table,
      handler,
      mapping: { batchSize: 7 },
    });
    await table.put(...writes.slice(20));
    await consumer.caughtUp();

    expect(invocations.every((batch) => batch.length >= 1 && batch.length <= 7)).toBe(true);
    const delivered = invocations.flat();
    expect(delivered.map(eventIdOf).sort()).toEqual(writes.map(([, id]) => id).sort());
    for (const user of ["u0", "u1", "u2"]) {
      const expected = writes.filter(([u]) => u === user).map(([, id]) => id);
      expect(delivered.filter((r) => r.dynamodb?.Keys?.UserId?.S === user).map(eventIdOf)).toEqual(expected);
    }
    const sequences = delivered.map((r) => BigInt(sequenceOf(r)));
    expect(sequences).toEqual([...sequences].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it("gives each record the fields Lambda's event source mapping sends", async () => {
    const { handler, invocations } = recordingHandler();
    const consumer = await runner({
      endpoint: table.endpoint,
      tableName: table.table,
      handler,
      region: "eu-west-1",
    });
    const before = Math.floor(Date.now() / 1000);
    await table.put(["u1", "e1"]);
    await table.modify("u1", "e1");
    await table.remove("u1", "e1");
    await consumer.caughtUp();
    // caughtUp() was once seen resolving before a fresh table's first records were delivered (a
    // fresh-clone run); the records themselves are what this test is about.
    await expect.poll(() => invocations.flat().length, { timeout: 30_000 }).toBe(3);

    const [insert, modify, remove] = invocations.flat() as [DynamoDBRecord, DynamoDBRecord, DynamoDBRecord];
    expect(insert).toEqual({
      eventID: expect.any(String),
      eventName: "INSERT",
      eventVersion: "1.1",
      eventSource: "aws:dynamodb",
      awsRegion: "eu-west-1",
      dynamodb: {
        ApproximateCreationDateTime: expect.any(Number),
        Keys: { UserId: { S: "u1" }, EventId: { S: "e1" } },
        NewImage: {
          UserId: { S: "u1" },
          EventId: { S: "e1" },
          Payload: { B: Buffer.from("e1").toString("base64") },
        },
        SequenceNumber: expect.stringMatching(/^\d+$/),
        SizeBytes: expect.any(Number),
        StreamViewType: "NEW_IMAGE",
      },
      eventSourceARN: consumer.streamArn,
    });
    expect(consumer.streamArn).toContain(`table/${table.table}/stream/`);
    // DynamoDB Local rounds creation times down to the minute.
    expect(insert.dynamodb?.ApproximateCreationDateTime).toBeGreaterThanOrEqual(before - 60);
    expect(insert.dynamodb?.ApproximateCreationDateTime).toBeLessThanOrEqual(Date.now() / 1000 + 1);
    expect(modify.eventName).toBe("MODIFY");
    expect(modify.dynamodb?.NewImage?.Forwarded).toEqual({ BOOL: true });
    expect(remove.eventName).toBe("REMOVE");
    expect(remove.dynamodb?.NewImage).toBeUndefined();
    expect(new Set([insert, modify, remove].map((r) => r.eventID)).size).toBe(3);
  });

  it("starts at TRIM_HORIZON by default, after the last record with LATEST", async () => {
    await table.put(["u1", "before"]);
    const fromStart = recordingHandler();
    const fromLatest = recordingHandler();
    const first = await runner({
      endpoint: table.endpoint,
      tableName: table.table,
      handler: fromStart.handler,
    });
    const latest = await runner({
      endpoint: table.endpoint,
      tableName: table.table,
      handler: fromLatest.handler,
      mapping: { startingPosition: "LATEST" },
    });
    await table.put(["u1", "after"]);
    await Promise.all([first.caughtUp(), latest.caughtUp()]);
    expect(fromStart.invocations.flat().map(eventIdOf)).toEqual(["before", "after"]);
    expect(fromLatest.invocations.flat().map(eventIdOf)).toEqual(["after"]);
  });

  it("resumes after another runner's checkpoints without handing anything over twice", async () => {
    await table.put(["u1", "e1"], ["u2", "e2"]);
    const earlier = recordingHandler();
    const first = await runner({
      endpoint: table.endpoint,
      tableName: table.table,
      handler: earlier.handler,
    });
    await first.caughtUp();
    await first.stop();
    await table.put(["u1", "e3"]);
    const later = recordingHandler();
    const second = await runner({
      endpoint: table.endpoint,
      tableName: table.table,
      handler: later.handler,
      checkpoints: first.checkpoints(),
    });
    await second.caughtUp();
    expect(earlier.invocations.flat().map(eventIdOf)).toEqual(["e1", "e2"]);
    expect(later.invocations.flat().map(eventIdOf)).toEqual(["e3"]);
    expect(Object.keys(second.checkpoints())).toEqual(Object.keys(first.checkpoints()));
  });

  it("hands every batch over again when a test asks for redelivery", async () => {
    await table.put(["u1", "e1"], ["u1", "e2"], ["u2", "e3"]);
    const { handler, invocations } = recordingHandler();
    const consumer = await runner({
      endpoint: table.endpoint,
      tableName: table.table,
      handler,
      mapping: { batchSize: 2 },
      testing: { deliveriesPerBatch: 3 },
    });
    await consumer.caughtUp();
    expect(invocations.map((batch) => batch.map(eventIdOf))).toEqual([
      ["e1", "e2"],
      ["e1", "e2"],
      ["e1", "e2"],
      ["e3"],
      ["e3"],
      ["e3"],
    ]);
  });

  it("refuses a table without a stream and settings Lambda refuses", async () => {
    const { handler } = recordingHandler();
    await expect(
      runner({ endpoint: table.endpoint, tableName: table.table.replace(/events$/, "users"), handler }),
    ).rejects.toThrow(/has no stream enabled/);
    await expect(
      runner({ endpoint: table.endpoint, tableName: table.table, handler, mapping: { batchSize: 0 } }),
    ).rejects.toThrow(/batchSize/);
  });
});
