import { type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { TABLES } from "@personalize-ab/domain";

const [userTimeIndex] = TABLES.events.localIndexes;
const PAGE_SIZE = 25;
// Exposures are one record per request; a few pages always reach an interaction unless there is none.
const MAX_PAGES = 3;
/** 1 MB pages: far more than a user's history of any one event type in practice. */
const MAX_TYPED_PAGES = 10;

export interface LastInteraction {
  readonly itemId: string;
  readonly eventType: string;
}

/** A user's past interactions, newest first, from the events table's UserTimeIndex. */
export class InteractionHistory {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The user's most recent event that has an item (exposure records have none), and its type. */
  async lastInteraction(userId: string): Promise<LastInteraction | undefined> {
    let startKey: Record<string, unknown> | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const { Items, LastEvaluatedKey } = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: userTimeIndex.name,
          KeyConditionExpression: "#user = :user",
          FilterExpression: "attribute_exists(ItemId)",
          ProjectionExpression: "ItemId, EventType",
          ExpressionAttributeNames: { "#user": userTimeIndex.partitionKey.name },
          ExpressionAttributeValues: { ":user": userId },
          ScanIndexForward: false,
          Limit: PAGE_SIZE,
          ExclusiveStartKey: startKey,
        }),
      );
      const found = Items?.find((item) => typeof item.ItemId === "string");
      if (found) return { itemId: found.ItemId as string, eventType: String(found.EventType) };
      if (!LastEvaluatedKey) return undefined;
      startKey = LastEvaluatedKey;
    }
    return undefined;
  }

  /**
   * The items of the user's events of these types (e.g. purchases), for applying an Interactions
   * filter where Personalize does not. `complete` is false if the history ran past the page cap.
   */
  async itemsWithEventTypes(
    userId: string,
    eventTypes: readonly string[],
  ): Promise<{ readonly items: Set<string>; readonly complete: boolean }> {
    const items = new Set<string>();
    const types = Object.fromEntries(eventTypes.map((type, at) => [`:type${at}`, type]));
    let startKey: Record<string, unknown> | undefined;
    for (let page = 0; page < MAX_TYPED_PAGES; page++) {
      const { Items, LastEvaluatedKey } = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: userTimeIndex.name,
          KeyConditionExpression: "#user = :user",
          FilterExpression: `attribute_exists(ItemId) AND EventType IN (${Object.keys(types).join(", ")})`,
          ProjectionExpression: "ItemId",
          ExpressionAttributeNames: { "#user": userTimeIndex.partitionKey.name },
          ExpressionAttributeValues: { ":user": userId, ...types },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of Items ?? []) if (typeof item.ItemId === "string") items.add(item.ItemId);
      if (!LastEvaluatedKey) return { items, complete: true };
      startKey = LastEvaluatedKey;
    }
    return { items, complete: false };
  }
}
