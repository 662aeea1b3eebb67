import { type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";

/**
 * Every item of one user in a table keyed by UserId (assignments, events), read consistently:
 * what a test checks after a handler has written.
 */
export async function userItems(
  documents: DynamoDBDocumentClient,
  tableName: string,
  userId: string,
): Promise<Record<string, unknown>[]> {
  const { Items } = await documents.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: "UserId = :u",
      ExpressionAttributeValues: { ":u": userId },
      ConsistentRead: true,
    }),
  );
  return Items ?? [];
}
