interface Entry<V> {
  value: V | null;
  loadedAt: number;
  expiresAt: number;
}

export interface TtlCacheOptions {
  ttlMs: number;
  missTtlMs: number;
  maxEntries: number;
  /**
   * When a reload fails (the database is down), keep answering with the last value loaded, for at
   * most this long after it was loaded, instead of failing every caller. 0 (the default): fail.
   */
  staleIfErrorMs?: number;
  now?: () => number;
}

/**
 * A short-lived read-through cache for configuration read on hot paths (webhook endpoints,
 * integration settings), so a burst costs one database read per key rather than one per request.
 * Concurrent reads of a key that is not cached share one load. Misses (null) are cached briefly
 * too, so a flood of unknown keys cannot become a flood of queries. Bounded: the oldest entries
 * go first. Changes take effect within `ttlMs`, or at once after `clear()`.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly loading = new Map<string, Promise<V | null>>();
  /** Bumped by clear(), so a load that started before it does not store what it read. */
  private generation = 0;

  constructor(
    private readonly load: (key: string) => Promise<V | null>,
    private readonly options: TtlCacheOptions,
  ) {}

  async get(key: string): Promise<V | null> {
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > this.now()) return cached.value;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const load = this.reload(key, cached).finally(() => this.loading.delete(key));
    this.loading.set(key, load);
    return load;
  }

  /**
   * What `get` would answer without loading: the value while it is fresh (null for a cached miss),
   * undefined when it would have to be loaded. For hot paths that go on in the same tick when the
   * answer is at hand, and only wait on `get` when it is not.
   */
  peek(key: string): V | null | undefined {
    const cached = this.entries.get(key);
    return cached && cached.expiresAt > this.now() ? cached.value : undefined;
  }

  /**
   * Expires every entry, so the next read of each key loads it again (after a configuration
   * change). The values stay only as the stand-ins of `staleIfErrorMs` if that reload fails.
   */
  clear(): void {
    this.generation += 1;
    for (const entry of this.entries.values()) entry.expiresAt = Number.NEGATIVE_INFINITY;
    this.loading.clear();
  }

  private async reload(key: string, previous: Entry<V> | undefined): Promise<V | null> {
    const generation = this.generation;
    let value: V | null;
    try {
      value = await this.load(key);
    } catch (error) {
      const stale = this.staleAfterFailure(previous);
      if (stale === undefined) throw error;
      return stale;
    }
    if (generation === this.generation) this.store(key, value);
    return value;
  }

  /**
   * The previous value while it may still stand in for a failed reload; it is kept for `missTtlMs`
   * more, so a database outage costs one failed query per key per `missTtlMs`, not one per read.
   */
  private staleAfterFailure(previous: Entry<V> | undefined): V | null | undefined {
    const now = this.now();
    const limit = this.options.staleIfErrorMs ?? 0;
    if (!previous || previous.value === null || now - previous.loadedAt > limit) return undefined;
    previous.expiresAt = Math.min(now + this.options.missTtlMs, previous.loadedAt + limit);
    return previous.value;
  }

  private store(key: string, value: V | null): void {
    const now = this.now();
    this.entries.delete(key);
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const ttl = value === null ? this.options.missTtlMs : this.options.ttlMs;
    this.entries.set(key, { value, loadedAt: now, expiresAt: now + ttl });
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
