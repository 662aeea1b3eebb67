import { createHash } from "node:crypto";
import { type DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { dataRetentionDays, expiresAtSeconds } from "../environment";
import {
  EVENT_KEY,
  EXPIRES_AT,
  eventItem,
  PENDING_REPLAY,
  type TrackedEvent,
  trackedEventOf,
} from "./event-records";

/**
 * Pending events spread over a few index partitions, so that an outage of Personalize, when every
 * event waits for replay, does not pile all writes onto one partition of the index.
 */
export const REPLAY_SHARDS = 4;

export function replayPartitionOf(eventId: string): string {
  const shard = createHash("md5").update(eventId).digest().readUInt8(0) % REPLAY_SHARDS;
  return `pending#${shard}`;
}

/** How many times the replay has failed to send an event. */
export const REPLAY_ATTEMPTS = "ReplayAttempts";

export const REPLAY_PARTITIONS = Array.from({ length: REPLAY_SHARDS }, (_, shard) => `pending#${shard}`);

export interface PendingPage {
  readonly events: TrackedEvent[];
  readonly nextKey?: Record<string, unknown> | undefined;
}

/** Interaction events: each stored once under (UserId, EventId), never overwritten. */
export class EventsRepository {
  private readonly retentionDays: number;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Days an event is kept after it happened; DATA_RETENTION_DAYS by default. */
    options: { retentionDays?: number } = {},
  ) {
    this.retentionDays = options.retentionDays ?? dataRetentionDays();
  }

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
            [EXPIRES_AT]: expiresAtSeconds(event.timestampMs, this.retentionDays),
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

  /**
   * Counts a failed replay of a pending event; at `maxAttempts` the event leaves the replay index
   * as a dead letter: kept in the table (DeadLetteredAt, ReplayAttempts), never sent again.
   */
  async recordReplayFailure(
    userId: string,
    eventId: string,
    maxAttempts: number,
    atMs: number,
  ): Promise<"pending" | "dead-lettered"> {
    const key = { [EVENT_KEY.partition]: userId, [EVENT_KEY.sort]: eventId };
    const names = { "#pending": PENDING_REPLAY.partitionAttribute, "#attempts": REPLAY_ATTEMPTS };
    let attempts: number;
    try {
      const { Attributes } = await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression:
            "SET #attempts = if_not_exists(#attempts, :zero) + :one, LastReplayFailedAt = :at",
          ConditionExpression: "attribute_exists(#pending)",
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ":zero": 0, ":one": 1, ":at": atMs },
          ReturnValues: "UPDATED_NEW",
        }),
      );
      attempts = Number(Attributes?.[REPLAY_ATTEMPTS]);
    } catch (error) {
      // No longer pending (forwarded or dead-lettered meanwhile): nothing to count.
      if ((error as Error).name === "ConditionalCheckFailedException") return "pending";
      throw error;
    }
    if (attempts < maxAttempts) return "pending";
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: "SET DeadLetteredAt = :at REMOVE #pending",
          ConditionExpression: "attribute_exists(#pending) AND #attempts >= :max",
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ":at": atMs, ":max": maxAttempts },
        }),
      );
    } catch (error) {
      if ((error as Error).name === "ConditionalCheckFailedException") return "pending";
      throw error;
    }
    return "dead-lettered";
  }

  /** One page (at most `limit` items read) of pending events of a replay partition, received before `receivedBeforeMs`. */
  async pending(
    partition: string,
    receivedBeforeMs: number,
    startKey?: Record<string, unknown>,
    limit?: number,
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
        ...(limit !== undefined && { Limit: limit }),
      }),
    );
    return { events: (Items ?? []).map(trackedEventOf), nextKey: LastEvaluatedKey };
  }
}
