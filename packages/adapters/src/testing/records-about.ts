import { type DynamoDBDocumentClient, paginateScan, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { TableKey } from "@personalize-ab/domain";
import { counterPartition } from "../experiment-counters/counter-cells";
import { userItems } from "./user-items";

/** What a user's requests to a test can leave behind, table by table. */
export interface RecordsAbout {
  readonly assignments: Record<string, unknown>[];
  readonly events: Record<string, unknown>[];
  readonly experimentUserMetrics: Record<string, unknown>[];
  readonly experimentCounters: Record<string, unknown>[];
  readonly experimentHistory: Record<string, unknown>[];
}

async function testCounters(documents: DynamoDBDocumentClient, tableName: string, testName: string) {
  const found: Record<string, unknown>[] = [];
  const pages = paginateScan(
    { client: documents },
    {
      TableName: tableName,
      // Every shard's partition, `<test>#<shard>`.
      FilterExpression: "begins_with(CounterPartition, :test)",
      ExpressionAttributeValues: { ":test": counterPartition(testName, 0).replace(/0$/, "") },
      ConsistentRead: true,
    },
  );
  for await (const page of pages) found.push(...(page.Items ?? []));
  return found;
}

/**
 * Every stored record of a user (assignments, events and exposures, counted user state) and of a
 * test (its counters and change history), read consistently: a check that a request wrote nothing
 * compares these before and after it.
 */
export async function recordsAbout(
  documents: DynamoDBDocumentClient,
  tables: Readonly<Record<TableKey, string>>,
  about: { readonly userId: string; readonly testName: string },
): Promise<RecordsAbout> {
  const [assignments, events, experimentUserMetrics, experimentCounters, experimentHistory] =
    await Promise.all([
      userItems(documents, tables.assignments, about.userId),
      userItems(documents, tables.events, about.userId),
      userItems(documents, tables.experimentUserMetrics, about.userId),
      testCounters(documents, tables.experimentCounters, about.testName),
      documents
        .send(
          new QueryCommand({
            TableName: tables.experimentHistory,
            KeyConditionExpression: "TestName = :test",
            ExpressionAttributeValues: { ":test": about.testName },
            ConsistentRead: true,
          }),
        )
        .then(({ Items }) => Items ?? []),
    ]);
  return { assignments, events, experimentUserMetrics, experimentCounters, experimentHistory };
}
