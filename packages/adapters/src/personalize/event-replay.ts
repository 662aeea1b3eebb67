import { type EventsRepository, REPLAY_PARTITIONS } from "../dynamodb/events-repository";
import { logger } from "../powertools";
import type { EventForwarder } from "./event-forwarder";

export interface ReplayOptions {
  readonly events: EventsRepository;
  readonly forwarder: EventForwarder;
  readonly trackingId: string;
  /**
   * Only events received at least this long ago are replayed: a younger one may still be in the
   * hands of the request that stored it, and would reach Personalize twice.
   */
  readonly graceMs?: number;
  readonly now?: () => number;
  /** How long one PutEvents call may take. */
  readonly timeoutMs?: number;
  /**
   * When to stop starting work (epoch milliseconds), inside the function's own timeout: a send is
   * only started if it can finish (`timeoutMs`) before it. What is left stays for the next run.
   */
  readonly deadlineMs?: number;
  /** Failed sends after which an event becomes a dead letter (kept, never replayed again). */
  readonly maxAttempts?: number;
  /** Items read per page of a partition: one page of each partition in turn. */
  readonly pageSize?: number;
}

export interface ReplayReport {
  readonly replayed: number;
  readonly failed: number;
  readonly deadLettered: number;
  /** True when the time budget ran out with events possibly still owed. */
  readonly budgetExhausted: boolean;
}

export const DEFAULT_REPLAY_GRACE_MS = 60_000;
export const DEFAULT_REPLAY_MAX_ATTEMPTS = 5;
export const DEFAULT_REPLAY_PAGE_SIZE = 25;

interface Cursor {
  readonly partition: string;
  startKey?: Record<string, unknown> | undefined;
  done: boolean;
}

/**
 * Re-sends the events still owed to Personalize (the sparse PendingReplayIndex), one page of each
 * replay partition in turn, so a backlog in one partition never starves the others; each event
 * that goes through leaves the index. A failure is counted on the event, and after `maxAttempts`
 * it becomes a dead letter. Work stops at the deadline; the rest waits for the next run.
 */
export async function replayPendingEvents(options: ReplayOptions): Promise<ReplayReport> {
  const now = options.now ?? Date.now;
  const cutoff = now() - (options.graceMs ?? DEFAULT_REPLAY_GRACE_MS);
  const maxAttempts = options.maxAttempts ?? DEFAULT_REPLAY_MAX_ATTEMPTS;
  const sendMs = options.timeoutMs ?? 0;
  const deadline = options.deadlineMs ?? Number.POSITIVE_INFINITY;
  const inBudget = () => now() + sendMs < deadline;
  let replayed = 0;
  let failed = 0;
  let deadLettered = 0;
  const cursors: Cursor[] = REPLAY_PARTITIONS.map((partition) => ({ partition, done: false }));
  while (cursors.some((cursor) => !cursor.done)) {
    for (const cursor of cursors.filter((c) => !c.done)) {
      if (!inBudget()) return { replayed, failed, deadLettered, budgetExhausted: true };
      const page = await options.events.pending(
        cursor.partition,
        cutoff,
        cursor.startKey,
        options.pageSize ?? DEFAULT_REPLAY_PAGE_SIZE,
      );
      for (const event of page.events) {
        if (!inBudget()) return { replayed, failed, deadLettered, budgetExhausted: true };
        try {
          const signal = options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined;
          await options.forwarder.forward(options.trackingId, event, signal);
        } catch (error) {
          failed++;
          const outcome = await options.events.recordReplayFailure(
            event.userId,
            event.eventId,
            maxAttempts,
            now(),
          );
          if (outcome === "dead-lettered") deadLettered++;
          logger.warn("replay of event failed", {
            userId: event.userId,
            eventId: event.eventId,
            outcome,
            error,
          });
          continue;
        }
        await options.events.markForwarded(event.userId, event.eventId, now());
        replayed++;
      }
      cursor.startKey = page.nextKey;
      cursor.done = page.nextKey === undefined;
    }
  }
  return { replayed, failed, deadLettered, budgetExhausted: false };
}
