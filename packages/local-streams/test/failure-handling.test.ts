import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DynamoDBStreamEvent } from "aws-lambda";
import { beforeEach, describe, expect, it } from "vitest";
import type { OnFailureRecord } from "../src";
import { eventIdOf, recordingHandler, runner, sequenceOf, streamTable } from "./stream-fixture";

let table: Awaited<ReturnType<typeof streamTable>>;
beforeEach(async () => {
  table = await streamTable();
});

const ids = (n: number, user = "u1") =>
  Array.from({ length: n }, (_, i) => [user, `e${String(i).padStart(2, "0")}`] as [string, string]);
const contains = (event: DynamoDBStreamEvent, eventId: string) =>
  event.Records.some((r) => eventIdOf(r) === eventId);

describe("a function that throws", () => {
  it("gets the same batch again until it succeeds", async () => {
    await table.put(...ids(3));
    const { handler, invocations } = recordingHandler((_, invocation) => {
      if (invocation <= 2) throw new Error("not yet");
    });
    const faults: unknown[] = [];
    const consumer = await runner({
      endpoint: table.endpoint,
      tableName: table.table,
      handler,
      reportError: (error, context) => faults.push({ error: String(error), ...context }),
    });
    await consumer.caughtUp();
    expect(invocations.map((batch) => batch.map(eventIdOf))).toEqual([
      ["e00", "e01", "e02"],
      ["e00", "e01", "e02"],
      ["e00", "e01", "e02"],
    ]);
    expect(faults).toEqual([
      { error: "Error: not yet", table: table.table, during: "invoke", shardId: expect.any(String) },
      { error: "Error: not yet", table: table.table, during: "invoke", shardId: expect.any(String) },
    ]);
  });

  it("with bisect, isolates the failing record, gives it up after its retries and handles the rest", async () => {
    await table.put(...ids(8));
    const { handler, invocations } = recordingHandler((event) => {
      if (contains(event, "e05")) throw new Error("poison");
    });
    const given: OnFailureRecord[] = [];
    const consumer = await runner({
      endpoint: table.endpoint,
      tableName: table.table,
      handler,
      functionName: "experiment-counters",
      mapping: { batchSize: 8, bisectBatchOnFunctionError: true, maximumRetryAttempts: 2 },
      onFailure: (record) => {
        given.push(record);
      },
    });
    await consumer.caughtUp();

    expect(invocations.map((batch) => batch.map(eventIdOf).join(","))).toEqual([
      "e00,e01,e02,e03,e04,e05,e06,e07",
      "e00,e01,e02,e03",
      "e04,e05,e06,e07",
      "e04,e05",
      "e04",
      "e05",
      "e05",
      "e05",
      "e06,e07",
    ]);
    const poison = invocations[5]![0]!;
    expect(given).toEqual([
      {
        requestContext: {
          requestId: expect.any(String),
          functionArn: "arn:aws:lambda:us-east-1:000000000000:function:experiment-counters",
          condition: "RetryAttemptsExhausted",
          approximateInvokeCount: 3,
        },
        responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
        version: "1.0",
        timestamp: expect.any(String),
        DDBStreamBatchInfo: {
          shardId: expect.any(String),
          startSequenceNumber: sequenceOf(poison),
          endSequenceNumber: sequenceOf(poison),
          approximateArrivalOfFirstRecord: expect.any(String),
          approximateArrivalOfLastRecord: expect.any(String),
          batchSize: 1,
          streamArn: consumer.streamArn,
        },
      },
    ]);
    expect(Object.values(consumer.checkpoints())).toEqual([sequenceOf(invocations[0]!.at(-1)!)]);
  });

  it("without bisect, gives the whole batch up after maximumRetryAttempts and moves on", async () => {
    await table.put(...ids(4));
    const { handler, invocations } = recordingHandler((event) => {
      if (contains(event, "e01")) throw new Error("poison");
    });
    const given: OnFailureRecord[] = [];
    const consumer = await runner({
      endpoint: table.endpoint,
      tableName: table.table,
      handler,
      mapping: { batchSize: 2, maximumRetryAttempts: 1 },
      onFailure: (record) => {
        given.push(record);
      },
    });
    await consumer.caughtUp();
    expect(invocations.map((batch) => batch.map(eventIdOf).join(","))).toEqual([
      "e00,e01",
      "e00,e01",
      "e02,e03",
    ]);
    expect(given.map((record) => record.DDBStreamBatchInfo.batchSize)).toEqual([2]);
    expect(given[0]!.DDBStreamBatchInfo.startSequenceNumber).toBe(sequenceOf(invocations[0]![0]!));
  });
});

describe("partial batch responses", () => {
  it("resume at the first failed record, and the records before it are not handed over again", async () => {
    await table.put(...ids(6));
    const { handler, invocations } = recordingHandler((event, invocation) => {
      if (invocation === 1) {
        const failed = [event.Records[4]!, event.Records[2]!].map((r) => ({ itemIdentifier: sequenceOf(r) }));
        return { batchItemFailures: failed };
      }
      return { batchItemFailures: [] };
    });
    const consumer = await runner({
      endpoint: table.endpoint,
      tableName: table.table,
      handler,
      mapping: { batchSize: 6, reportBatchItemFailures: true },
    });
    await consumer.caughtUp();
    expect(invocations.map((batch) => batch.map(eventIdOf).join(","))).toEqual([
      "e00,e01,e02,e03,e04,e05",
      "e02,e03,e04,e05",
    ]);
  });

  it("are ignored unless the mapping reports batch item failures, as Lambda ignores them", async () => {
    await table.put(...ids(2));
    const { handler, invocations } = recordingHandler((event) => ({
      batchItemFailures: [{ itemIdentifier: sequenceOf(event.Records[0]!) }],
    }));
    const consumer = await runner({ endpoint: table.endpoint, tableName: table.table, handler });
    await consumer.caughtUp();
    expect(invocations.map((batch) => batch.map(eventIdOf).join(","))).toEqual(["e00,e01"]);
  });

  it("naming no record of the batch fail the whole batch", async () => {
    await table.put(...ids(2));
    const { handler, invocations } = recordingHandler((_, invocation) => ({
      batchItemFailures: invocation === 1 ? [{ itemIdentifier: "" }] : [],
    }));
    const faults: string[] = [];
    const consumer = await runner({
      endpoint: table.endpoint,
      tableName: table.table,
      handler,
      mapping: { reportBatchItemFailures: true },
      reportError: (error) => faults.push(String(error)),
    });
    await consumer.caughtUp();
    expect(invocations.map((batch) => batch.map(eventIdOf).join(","))).toEqual(["e00,e01", "e00,e01"]);
    expect(faults).toEqual(['Error: batchItemFailures names "", no record of this batch']);
  });
});

describe("the on-failure destination", () => {
  it("receives each exhausted batch as one JSON line in the message Lambda sends", async () => {
    await table.put(...ids(5));
    const file = join(mkdtempSync(join(tmpdir(), "on-failure-")), "queue", "failed.jsonl");
    // e01 fails once, e03 every time.
    const { handler, invocations } = recordingHandler((event, invocation) => ({
      batchItemFailures: event.Records.filter(
        (r) => eventIdOf(r) === "e03" || (invocation === 1 && eventIdOf(r) === "e01"),
      ).map((r) => ({ itemIdentifier: sequenceOf(r) })),
    }));
    const consumer = await runner({
      endpoint: table.endpoint,
      tableName: table.table,
      handler,
      mapping: { batchSize: 5, reportBatchItemFailures: true, maximumRetryAttempts: 1 },
      onFailure: { file },
    });
    await consumer.caughtUp();

    expect(invocations.map((batch) => batch.map(eventIdOf).join(","))).toEqual([
      "e00,e01,e02,e03,e04",
      "e01,e02,e03,e04",
      "e03,e04",
    ]);
    const lines = readFileSync(file, "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    const sequence = (id: string) => sequenceOf(invocations[0]!.find((r) => eventIdOf(r) === id)!);
    expect(lines.map((line) => line.DDBStreamBatchInfo)).toEqual([
      expect.objectContaining({
        startSequenceNumber: sequence("e03"),
        endSequenceNumber: sequence("e04"),
        batchSize: 2,
      }),
    ]);
    expect(lines[0].requestContext.condition).toBe("RetryAttemptsExhausted");
    // The function answered: there was no function error, only reported failures.
    expect(lines[0].responseContext).toEqual({ statusCode: 200, executedVersion: "$LATEST" });
  });
});
