import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";
import { beforeAll, describe, expect, it } from "vitest";
import { AssignmentsRepository } from "../src/dynamodb/assignments-repository";
import { createDocumentClient } from "../src/dynamodb/document-client";

let repository: AssignmentsRepository;
let documents: DynamoDBDocumentClient;
let assignmentsTable: string;

beforeAll(async () => {
  const { env, tables } = await createTestTables();
  documents = createDocumentClient(env);
  assignmentsTable = tables.assignments;
  repository = new AssignmentsRepository(documents, assignmentsTable);
});

describe("AssignmentsRepository on DynamoDB Local", () => {
  it("lets exactly one of many concurrent claims with different variants win, and returns the winner to all", async () => {
    const variants = ["variant_a", "variant_b", "variant_c"];
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        repository.claim({
          userId: "contested",
          testName: "t",
          variant: variants[i % 3]!,
          assignedAt: 1000 + i,
          enrolledAtMs: 1_000_000 + i,
        }),
      ),
    );
    const stored = await repository.find("contested", "t", true);
    expect(stored).toBeDefined();
    expect(results.every((r) => r.assignment.variant === stored!.variant)).toBe(true);
    expect(results.every((r) => r.assignment.assignedAt === stored!.assignedAt)).toBe(true);
    expect(stored!.enrolledAtMs).toBe(1_000_000 + stored!.assignedAt - 1000);
    // Exactly one caller is told it stored the assignment: the one whose time is the stored one.
    const storers = results.filter((r) => r.stored);
    expect(storers).toHaveLength(1);
    expect(storers[0]?.assignment).toEqual(stored);
  });

  it("never overwrites an existing assignment", async () => {
    await repository.claim({
      userId: "first",
      testName: "t",
      variant: "variant_b",
      assignedAt: 111,
      enrolledAtMs: 111_222,
    });
    const second = await repository.claim({
      userId: "first",
      testName: "t",
      variant: "variant_c",
      assignedAt: 222,
      enrolledAtMs: 222_333,
    });
    expect(second).toEqual({
      assignment: {
        userId: "first",
        testName: "t",
        variant: "variant_b",
        assignedAt: 111,
        enrolledAtMs: 111_222,
        allocationPeriod: 0,
        holdout: false,
      },
      stored: false,
    });
    expect(await repository.find("first", "t", true)).toEqual(second.assignment);
  });

  it("keeps the allocation period and holdout of the enrollment, and reads old records as period 0, not held out", async () => {
    await repository.claim({
      userId: "bandit-user",
      testName: "t",
      variant: "variant_c",
      assignedAt: 5,
      enrolledAtMs: 5_000,
      allocationPeriod: 3,
      holdout: true,
    });
    expect(await repository.find("bandit-user", "t", true)).toMatchObject({
      allocationPeriod: 3,
      holdout: true,
    });
    const { Item } = await documents.send(
      new GetCommand({ TableName: assignmentsTable, Key: { UserId: "bandit-user", TestName: "t" } }),
    );
    expect([Item?.Period, Item?.Holdout]).toEqual([3, true]);
    await documents.send(
      new PutCommand({
        TableName: assignmentsTable,
        Item: {
          UserId: "old-user",
          TestName: "t",
          Variant: "variant_a",
          AssignmentTimestamp: 1,
          EnrolledAt: 1_000,
        },
      }),
    );
    expect(await repository.find("old-user", "t", true)).toMatchObject({
      allocationPeriod: 0,
      holdout: false,
    });
  });

  it("reads a record stored without EnrolledAt as enrolled at its AssignmentTimestamp", async () => {
    await documents.send(
      new PutCommand({
        TableName: assignmentsTable,
        Item: { UserId: "legacy", TestName: "t", Variant: "variant_a", AssignmentTimestamp: 1_700_000_000 },
      }),
    );
    expect((await repository.find("legacy", "t"))?.enrolledAtMs).toBe(1_700_000_000_000);
  });

  it("keeps assignments of different tests apart", async () => {
    await repository.claim({
      userId: "multi",
      testName: "t1",
      variant: "a",
      assignedAt: 1,
      enrolledAtMs: 1_000,
    });
    await repository.claim({
      userId: "multi",
      testName: "t2",
      variant: "b",
      assignedAt: 2,
      enrolledAtMs: 2_000,
    });
    expect((await repository.find("multi", "t1"))?.variant).toBe("a");
    expect((await repository.find("multi", "t2"))?.variant).toBe("b");
    expect(await repository.find("multi", "t3")).toBeUndefined();
  });
});
