import { type DynamoDBDocumentClient, paginateScan } from "@aws-sdk/lib-dynamodb";
import { NON_INTERACTION_EVENT_TYPES, STORED_EVENT_ATTRIBUTES, type StoredEvent } from "./interactions-csv";

export interface ScanOptions {
  readonly tableName: string;
  readonly segment: number;
  readonly totalSegments: number;
  readonly pageSize?: number;
  /** Only events that happened at or after this time (epoch milliseconds, the Timestamp attribute). */
  readonly sinceMs?: number;
}

/**
 * One segment of a parallel Scan, a page at a time (at most 1 MB each), so the table never sits in
 * memory. The filter drops exposures and item-less events on the server; the projection keeps
 * only the columns the dataset needs.
 */
export async function* scanEventPages(
  dynamo: DynamoDBDocumentClient,
  options: ScanOptions,
): AsyncGenerator<readonly StoredEvent[]> {
  const names = Object.fromEntries(STORED_EVENT_ATTRIBUTES.map((name, i) => [`#a${i}`, name]));
  const excluded = Object.fromEntries(NON_INTERACTION_EVENT_TYPES.map((type, i) => [`:x${i}`, type]));
  const since = options.sinceMs === undefined ? {} : { ":since": options.sinceMs };
  const pages = paginateScan(
    { client: dynamo, ...(options.pageSize && { pageSize: options.pageSize }) },
    {
      TableName: options.tableName,
      Segment: options.segment,
      TotalSegments: options.totalSegments,
      ProjectionExpression: Object.keys(names).join(", "),
      FilterExpression: [
        "attribute_exists(#a1)",
        `NOT (#a2 IN (${Object.keys(excluded).join(", ")}))`,
        ...(options.sinceMs === undefined ? [] : ["#a3 >= :since"]),
      ].join(" AND "),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ...excluded, ...since },
    },
  );
  for await (const page of pages) {
    yield (page.Items ?? []) as StoredEvent[];
  }
}
