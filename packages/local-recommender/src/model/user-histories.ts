export interface HistoryEvent {
  readonly item: number;
  /** Epoch seconds. */
  readonly timestamp: number;
  readonly value: number;
  /** EVENT_TYPE, which Interactions filters match on. */
  readonly eventType: string;
}

/** Each user's interactions in time order; grows online as events arrive. */
export class UserHistories {
  private readonly byUser = new Map<string, HistoryEvent[]>();

  /** Adds an event in time order; late events slot in where they belong. */
  add(userId: string, event: HistoryEvent): void {
    let history = this.byUser.get(userId);
    if (!history) {
      history = [];
      this.byUser.set(userId, history);
    }
    let at = history.length;
    while (at > 0 && history[at - 1]!.timestamp > event.timestamp) at--;
    history.splice(at, 0, event);
  }

  of(userId: string): readonly HistoryEvent[] {
    return this.byUser.get(userId) ?? [];
  }

  entries(): IterableIterator<[string, readonly HistoryEvent[]]> {
    return this.byUser.entries();
  }
}
