import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";

export interface StoredAssignment {
  readonly userId: string;
  readonly testName: string;
  readonly variant: string;
  /** Epoch seconds, as the recipe stores it. */
  readonly assignedAt: number;
  /**
   * Epoch milliseconds of the enrollment (the first store): the experiment counters count a user's
   * events from then on. Records stored before this attribute existed give `assignedAt` x 1000.
   */
  readonly enrolledAtMs: number;
  /** The allocation period in force at enrollment (0 for assignments stored before periods). */
  readonly allocationPeriod: number;
  /** Held out of a bandit's allocation, on equal weights. */
  readonly holdout: boolean;
}

/** What a claim stores; period and holdout default to a plain enrollment in period 0. */
export type NewAssignment = Omit<StoredAssignment, "allocationPeriod" | "holdout"> &
  Partial<Pick<StoredAssignment, "allocationPeriod" | "holdout">>;

interface AssignmentItem {
  UserId: string;
  TestName: string;
  Variant: string;
  AssignmentTimestamp: number;
  EnrolledAt?: number;
  Period?: number;
  Holdout?: boolean;
}

function fromItem(item: Record<string, unknown>): StoredAssignment {
  const { UserId, TestName, Variant, AssignmentTimestamp, EnrolledAt, Period, Holdout } =
    item as unknown as AssignmentItem;
  const assignedAt = Number(AssignmentTimestamp);
  return {
    userId: UserId,
    testName: TestName,
    variant: Variant,
    assignedAt,
    enrolledAtMs: EnrolledAt === undefined ? assignedAt * 1000 : Number(EnrolledAt),
    allocationPeriod: Period === undefined ? 0 : Number(Period),
    holdout: Holdout === true,
  };
}

/** A stored assignment from its item (a Query result or a stream record's image). */
export { fromItem as storedAssignmentOf };

/** The assignment as the table holds it. */
export function assignmentItem(assignment: NewAssignment): Record<string, unknown> {
  const item: AssignmentItem = {
    UserId: assignment.userId,
    TestName: assignment.testName,
    Variant: assignment.variant,
    AssignmentTimestamp: assignment.assignedAt,
    EnrolledAt: assignment.enrolledAtMs,
    Period: assignment.allocationPeriod ?? 0,
    Holdout: assignment.holdout ?? false,
  };
  return { ...item };
}

/**
 * Sticky assignments in the recipe's table layout (UserId, TestName, Variant, AssignmentTimestamp),
 * plus EnrolledAt in milliseconds.
 */
export class AssignmentsRepository {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async find(userId: string, testName: string, consistent = false): Promise<StoredAssignment | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { UserId: userId, TestName: testName },
        ConsistentRead: consistent,
      }),
    );
    return Item ? fromItem(Item) : undefined;
  }

  /**
   * Stores the assignment unless one exists, and returns whichever assignment is stored, and
   * whether this call stored it: when a concurrent request won the race, its assignment is
   * returned, never overwritten.
   */
  async claim(assignment: NewAssignment): Promise<{ assignment: StoredAssignment; stored: boolean }> {
    const item = assignmentItem(assignment);
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: "attribute_not_exists(UserId)",
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      );
      return { assignment: fromItem(item), stored: true };
    } catch (error) {
      if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
      // The winner's item comes back with the failure (marshalled: lib-dynamodb leaves errors alone).
      const existing = (error as { Item?: Record<string, AttributeValue> }).Item;
      if (existing) return { assignment: fromItem(unmarshall(existing)), stored: false };
      const winner = await this.find(assignment.userId, assignment.testName, true);
      if (!winner) throw error;
      return { assignment: winner, stored: false };
    }
  }
}
