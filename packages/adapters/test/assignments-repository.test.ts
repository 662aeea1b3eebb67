import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";
import { beforeAll, describe, expect, it } from "vitest";
import { AssignmentsRepository } from "../src/dynamodb/assignments-repository";
import { createDocumentClient } from "../src/dynamodb/document-client";

let repository: AssignmentsRepository;

beforeAll(async () => {
  const { env, tables } = await createTestTables();
  repository = new AssignmentsRepository(createDocumentClient(env), tables.assignments);
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
        }),
      ),
    );
    const stored = await repository.find("contested", "t", true);
    expect(stored).toBeDefined();
    expect(results.every((r) => r.assignment.variant === stored!.variant)).toBe(true);
    expect(results.every((r) => r.assignment.assignedAt === stored!.assignedAt)).toBe(true);
    // Exactly one caller is told it stored the assignment: the one whose time is the stored one.
    const storers = results.filter((r) => r.stored);
    expect(storers).toHaveLength(1);
    expect(storers[0]?.assignment).toEqual(stored);
  });

  it("never overwrites an existing assignment", async () => {
    await repository.claim({ userId: "first", testName: "t", variant: "variant_b", assignedAt: 111 });
    const second = await repository.claim({
      userId: "first",
      testName: "t",
      variant: "variant_c",
      assignedAt: 222,
    });
    expect(second).toEqual({
      assignment: { userId: "first", testName: "t", variant: "variant_b", assignedAt: 111 },
      stored: false,
    });
    expect(await repository.find("first", "t", true)).toEqual(second.assignment);
  });

  it("keeps assignments of different tests apart", async () => {
    await repository.claim({ userId: "multi", testName: "t1", variant: "a", assignedAt: 1 });
    await repository.claim({ userId: "multi", testName: "t2", variant: "b", assignedAt: 2 });
    expect((await repository.find("multi", "t1"))?.variant).toBe("a");
    expect((await repository.find("multi", "t2"))?.variant).toBe("b");
    expect(await repository.find("multi", "t3")).toBeUndefined();
  });
});
