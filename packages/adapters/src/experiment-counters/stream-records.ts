import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { TABLES } from "@personalize-ab/domain";
import type { DynamoDBRecord } from "aws-lambda";

/** The two streams the counters read; each keeps its own applied sequence number per user. */
export type CounterSource = "assignments" | "events";

export interface CounterStreamRecord {
  readonly source: CounterSource;
  readonly sequenceNumber: string;
  readonly userId: string;
  /** The new image, unmarshalled. */
  readonly item: Record<string, unknown>;
}

// The sort key tells the two sources apart whatever the physical table names are.
const ASSIGNMENT_SORT_KEY = TABLES.assignments.sortKey.name;
const EVENT_SORT_KEY = TABLES.events.sortKey.name;

/**
 * The record as the counters use it, or undefined for what they ignore: removals (TTL expiry) and
 * modifications (an event's replay bookkeeping, never a new fact). Only an INSERT is an
 * enrollment or an event.
 */
export function counterStreamRecordOf(record: DynamoDBRecord): CounterStreamRecord | undefined {
  const stream = record.dynamodb;
  if (record.eventName !== "INSERT" || !stream?.NewImage || !stream.SequenceNumber) return undefined;
  const keys = stream.Keys ?? {};
  const source: CounterSource | undefined =
    ASSIGNMENT_SORT_KEY in keys ? "assignments" : EVENT_SORT_KEY in keys ? "events" : undefined;
  if (!source) return undefined;
  const item = unmarshall(stream.NewImage as Record<string, AttributeValue>);
  return { source, sequenceNumber: stream.SequenceNumber, userId: String(item.UserId), item };
}

/** Stream sequence numbers are decimal strings of varying length: compare them as numbers. */
export function isAfter(sequenceNumber: string, applied: string | undefined): boolean {
  if (applied === undefined) return true;
  return BigInt(sequenceNumber) > BigInt(applied);
}
