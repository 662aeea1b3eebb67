import { LRUCache } from "lru-cache";

export interface ConfigCacheOptions {
  /** How long a record read is trusted; 0 reads every time (tests change config between calls). */
  readonly ttlMs: number;
  /** How long "no such record" is trusted: short, so a new experiment shows up soon. */
  readonly negativeTtlMs?: number;
  /** After a failed refresh, how long the stale record is served before the next try. */
  readonly staleRetryMs?: number;
  /** Most records kept: random names cannot grow memory past this. */
  readonly maxEntries?: number;
  readonly now?: () => number;
  /** Told when a refresh failed and a stale record is served instead. */
  readonly onStale?: (key: string, error: unknown) => void;
}

export const DEFAULT_NEGATIVE_TTL_MS = 5_000;
export const DEFAULT_STALE_RETRY_MS = 5_000;
export const DEFAULT_MAX_CONFIG_ENTRIES = 1_000;

// lru-cache holds no undefined values: "no such record" is kept as this marker.
const ABSENT = Symbol("absent");
type Held<V> = V | typeof ABSENT;

/**
 * In-process config cache (lru-cache) in place of ElastiCache: no VPC, no cold-start penalty.
 * Bounded in entries; a missing record is remembered for a short negative TTL; concurrent misses
 * share one read; when a refresh fails the stale record is served (and retried after a pause)
 * rather than failing requests that the last good config can serve.
 */
export class ConfigCache<V extends {}> {
  private readonly cache: LRUCache<string, Held<V>> | undefined;

  constructor(
    private readonly load: (key: string) => Promise<V | undefined>,
    options: ConfigCacheOptions,
  ) {
    if (options.ttlMs <= 0) return;
    const negativeTtlMs = Math.min(options.negativeTtlMs ?? DEFAULT_NEGATIVE_TTL_MS, options.ttlMs);
    const staleRetryMs = options.staleRetryMs ?? DEFAULT_STALE_RETRY_MS;
    this.cache = new LRUCache<string, Held<V>>({
      max: options.maxEntries ?? DEFAULT_MAX_CONFIG_ENTRIES,
      ttl: options.ttlMs,
      // Read the clock on every check instead of once per millisecond: cheap, and exact under a test clock.
      ttlResolution: 0,
      ...(options.now && { perf: { now: options.now } }),
      fetchMethod: async (key, stale, { options: entry }) => {
        try {
          const value = await this.load(key);
          if (value !== undefined) return value;
          entry.ttl = negativeTtlMs;
          return ABSENT;
        } catch (error) {
          if (stale === undefined) throw error;
          options.onStale?.(key, error);
          entry.ttl = staleRetryMs;
          return stale;
        }
      },
    });
  }

  async get(key: string): Promise<V | undefined> {
    if (!this.cache) return this.load(key);
    const held = await this.cache.fetch(key);
    return held === ABSENT ? undefined : held;
  }

  /** Records held now; never more than `maxEntries`. */
  get size(): number {
    return this.cache?.size ?? 0;
  }
}
