import { createHash } from "node:crypto";
import { type DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { EVENT_KEY, eventItem, PENDING_REPLAY, type TrackedEvent, trackedEventOf } from "./event-records";

/**
 * Pending events spread over a few index partitions, so that an outage of Personalize, when every
 * event waits for replay, does not pile all writes onto one partition of the index.
 */
export const REPLAY_SHARDS = 4;

export function replayPartitionOf(eventId: string): string {
  const shard = createHash("md5").update(eventId).digest().readUInt8(0) % REPLAY_SHARDS;
  return `pending#${shard}`;
}

export const REPLAY_PARTITIONS = Array.from({ length: REPLAY_SHARDS }, (_, shard) => `pending#${shard}`);

export interface PendingPage {
  readonly events: TrackedEvent[];
  readonly nextKey?: Record<string, unknown> | undefined;
}

/** Interaction events: each stored once under (UserId, EventId), never overwritten. */
export class EventsRepository {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Stores the event unless its key is taken. An event owed to Personalize is stored already marked
   * pending (in PendingReplayIndex) and unmarked once forwarded: a crash between the write and the
   * forward leaves it where replay finds it. Returns "duplicate" when the event id was stored before.
   */
  async store(event: TrackedEvent, options: { forwardable: boolean }): Promise<"stored" | "duplicate"> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...eventItem(event),
            ...(options.forwardable && {
              [PENDING_REPLAY.partitionAttribute]: replayPartitionOf(event.eventId),
            }),
          },
          ConditionExpression: "attribute_not_exists(#sort)",
          ExpressionAttributeNames: { "#sort": EVENT_KEY.sort },
        }),
      );
      return "stored";
    } catch (error) {
      if ((error as Error).name === "ConditionalCheckFailedException") return "duplicate";
      throw error;
    }
  }

  /** Takes a forwarded event out of the replay index; a no-op for an event no longer pending. */
  async markForwarded(userId: string, eventId: string, forwardedAtMs: number): Promise<void> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [EVENT_KEY.partition]: userId, [EVENT_KEY.sort]: eventId },
          UpdateExpression: "SET ForwardedAt = :at REMOVE #pending",
          // Never creates an item, and never takes a second forward for the first.
          ConditionExpression: "attribute_exists(#pending)",
          ExpressionAttributeNames: { "#pending": PENDING_REPLAY.partitionAttribute },
          ExpressionAttributeValues: { ":at": forwardedAtMs },
        }),
      );
    } catch (error) {
      if ((error as Error).name !== "ConditionalCheckFailedException") throw error;
    }
  }

  /** One page of pending events of a replay partition, received before `receivedBeforeMs`. */
  async pending(
    partition: string,
    receivedBeforeMs: number,
    startKey?: Record<string, unknown>,
  ): Promise<PendingPage> {
    const { Items, LastEvaluatedKey } = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: PENDING_REPLAY.index,
        KeyConditionExpression: "#pending = :partition",
        FilterExpression: "ReceivedAt < :before",
        ExpressionAttributeNames: { "#pending": PENDING_REPLAY.partitionAttribute },
        ExpressionAttributeValues: { ":partition": partition, ":before": receivedBeforeMs },
        ExclusiveStartKey: startKey,
      }),
    );
    return { events: (Items ?? []).map(trackedEventOf), nextKey: LastEvaluatedKey };
  }
}
