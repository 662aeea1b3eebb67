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
  readonly timeoutMs?: number;
}

export interface ReplayReport {
  readonly replayed: number;
  readonly failed: number;
}

export const DEFAULT_REPLAY_GRACE_MS = 60_000;

/**
 * Re-sends every event still owed to Personalize (the sparse PendingReplayIndex) and takes each
 * one that went through out of the index. One that fails again stays for the next run.
 */
export async function replayPendingEvents(options: ReplayOptions): Promise<ReplayReport> {
  const now = options.now ?? Date.now;
  const cutoff = now() - (options.graceMs ?? DEFAULT_REPLAY_GRACE_MS);
  let replayed = 0;
  let failed = 0;
  for (const partition of REPLAY_PARTITIONS) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await options.events.pending(partition, cutoff, startKey);
      for (const event of page.events) {
        try {
          const signal = options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined;
          await options.forwarder.forward(options.trackingId, event, signal);
        } catch (error) {
          failed++;
          logger.warn("replay of event failed", { userId: event.userId, eventId: event.eventId, error });
          continue;
        }
        await options.events.markForwarded(event.userId, event.eventId, now());
        replayed++;
      }
      startKey = page.nextKey;
    } while (startKey);
  }
  return { replayed, failed };
}
