import type { DynamoDBRecord } from "aws-lambda";
import { describe, expect, it } from "vitest";
import {
  abTransactUnit,
  packTransactions,
  TRANSACTION_ITEM_LIMIT,
  versionedPut,
} from "../src/experiment-counters/counter-transactions";
import { counterStreamRecordOf, isAfter } from "../src/experiment-counters/stream-records";
import type { CounterUnit } from "../src/experiment-counters/user-counter-plan";

const record = (
  eventName: "INSERT" | "MODIFY" | "REMOVE",
  keys: Record<string, { S: string }>,
): DynamoDBRecord => ({
  eventName,
  dynamodb: { Keys: keys, NewImage: { ...keys, EventType: { S: "click" } }, SequenceNumber: "100" },
});

function unit(user: number, metrics: readonly string[]): CounterUnit {
  return {
    testName: "t",
    expectedVersion: 1,
    state: {
      userId: `u${user}`,
      testName: "t",
      variant: "a",
      period: "2026-12-01",
      stratum: "p0",
      enrolledAtMs: 0,
      version: 2,
      appliedSequence: {},
      values: {},
    },
    deltas: new Map(
      metrics.map((metric) => [
        `2026-12-01#p0#a#${metric}`,
        {
          address: { period: "2026-12-01", stratum: "p0", variant: "a", metric },
          stats: { n: 1, sum: user, sum_squares: 1 },
        },
      ]),
    ),
  };
}

describe("experiment counter batches", () => {
  it("takes inserts of both sources and ignores modifications and removals", () => {
    const event = record("INSERT", { UserId: { S: "u1" }, EventId: { S: "e1" } });
    expect(counterStreamRecordOf(event)).toMatchObject({
      source: "events",
      userId: "u1",
      sequenceNumber: "100",
    });
    const assignment = record("INSERT", { UserId: { S: "u1" }, TestName: { S: "t" } });
    expect(counterStreamRecordOf(assignment)?.source).toBe("assignments");
    expect(
      counterStreamRecordOf(record("MODIFY", { UserId: { S: "u1" }, EventId: { S: "e1" } })),
    ).toBeUndefined();
    expect(
      counterStreamRecordOf(record("REMOVE", { UserId: { S: "u1" }, EventId: { S: "e1" } })),
    ).toBeUndefined();
  });

  it("orders sequence numbers as numbers, whatever their length", () => {
    expect(isAfter("1000", "999")).toBe(true);
    expect(isAfter("999", "1000")).toBe(false);
    expect(isAfter("1000", "1000")).toBe(false);
    expect(isAfter("1", undefined)).toBe(true);
  });

  it("packs users into transactions of at most 100 items, one summed ADD per shared cell", () => {
    const units = Array.from({ length: 250 }, (_, i) =>
      abTransactUnit(unit(i, ["m1", "m2", "m3"]), "metrics"),
    );
    const transactions = packTransactions(units);
    for (const transaction of transactions) {
      expect(transaction.units.length + transaction.cells.size).toBeLessThanOrEqual(TRANSACTION_ITEM_LIMIT);
      expect(transaction.cells.size).toBe(3);
    }
    expect(transactions.map((t) => t.units.length)).toEqual([97, 97, 56]);
    const first = transactions[0]!;
    expect(first.cells.get("t\u00002026-12-01#p0#a#m1")?.fields).toEqual({
      N: 97,
      Sum: (96 * 97) / 2,
      SumSquares: 97,
    });
  });

  it("puts two writes of one state item in successive transactions, in order", () => {
    const write = (version: number) =>
      versionedPut(
        "metrics",
        { UserId: "u1", TestName: "interleaving#t" },
        { Version: version + 1 },
        version,
      );
    const cell = { testName: "t", cell: "interleaving#impressions", fields: { Impressions: 1 } };
    const transactions = packTransactions([
      { writes: [write(1)], cells: [cell] },
      {
        writes: [versionedPut("metrics", { UserId: "u2", TestName: "interleaving#t" }, {}, undefined)],
        cells: [cell],
      },
      { writes: [write(2)], cells: [cell] },
    ]);
    expect(transactions.map((t) => t.units.length)).toEqual([2, 1]);
    expect(transactions[0]!.cells.get("t\u0000interleaving#impressions")?.fields).toEqual({ Impressions: 2 });
    expect(transactions[1]!.units[0]!.writes[0]!.item).toEqual({
      Put: {
        TableName: "metrics",
        Item: { Version: 3 },
        ConditionExpression: "Version = :expected",
        ExpressionAttributeValues: { ":expected": 2 },
      },
    });
  });
});
