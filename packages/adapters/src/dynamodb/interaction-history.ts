import { type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { TABLES } from "@personalize-ab/domain";

const [userTimeIndex] = TABLES.events.localIndexes;
const PAGE_SIZE = 25;
// Exposures are one record per request; a few pages always reach an interaction unless there is none.
const MAX_PAGES = 3;

/** A user's past interactions, newest first, from the events table's UserTimeIndex. */
export class InteractionHistory {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The item of the user's most recent event that has one (exposure records have none). */
  async lastInteractedItem(userId: string): Promise<string | undefined> {
    let startKey: Record<string, unknown> | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const { Items, LastEvaluatedKey } = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: userTimeIndex.name,
          KeyConditionExpression: "#user = :user",
          FilterExpression: "attribute_exists(ItemId)",
          ProjectionExpression: "ItemId",
          ExpressionAttributeNames: { "#user": userTimeIndex.partitionKey.name },
          ExpressionAttributeValues: { ":user": userId },
          ScanIndexForward: false,
          Limit: PAGE_SIZE,
          ExclusiveStartKey: startKey,
        }),
      );
      const itemId = Items?.find((item) => typeof item.ItemId === "string")?.ItemId;
      if (itemId) return itemId as string;
      if (!LastEvaluatedKey) return undefined;
      startKey = LastEvaluatedKey;
    }
    return undefined;
  }
}
