type Handler = (args: { input: object }) => Promise<{ output: object; response: unknown }>;

/** The part of any SDK v3 client this needs: its middleware stack. */
interface InstrumentableClient {
  readonly middlewareStack: {
    add(
      middleware: (next: Handler, context: { commandName?: string }) => Handler,
      options: { step: "initialize"; name: string; override: boolean },
    ): void;
  };
}

export interface NetworkCall {
  readonly operation: string;
  readonly startedAt: number;
  readonly endedAt: number;
}

/**
 * Records every call the given SDK clients make (start and end, retries included) and tells how
 * many network waits a request made one after another: the longest chain of calls each of which
 * started after the previous one ended. Calls in flight together count as one wait.
 */
export class NetworkWaitRecorder {
  readonly calls: NetworkCall[] = [];

  constructor(clients: readonly InstrumentableClient[]) {
    for (const client of clients) {
      client.middlewareStack.add(
        (next, context) => async (args) => {
          const startedAt = performance.now();
          try {
            return await next(args);
          } finally {
            this.calls.push({
              operation: String(context.commandName),
              startedAt,
              endedAt: performance.now(),
            });
          }
        },
        { step: "initialize", name: "networkWaitRecorder", override: true },
      );
    }
  }

  reset(): void {
    this.calls.length = 0;
  }

  sequentialWaits(): number {
    const byEnd = [...this.calls].sort((a, b) => a.endedAt - b.endedAt);
    // depth[i]: the longest chain of calls that ends with call i.
    const depth = byEnd.map(() => 1);
    byEnd.forEach((call, i) => {
      for (let j = 0; j < i; j++) {
        const before = byEnd[j]!;
        if (before.endedAt <= call.startedAt) depth[i] = Math.max(depth[i]!, depth[j]! + 1);
      }
    });
    return Math.max(0, ...depth);
  }
}
