interface Entry<V> {
  value: V | null;
  expiresAt: number;
}

/**
 * A short-lived read-through cache for configuration read on hot paths (webhook endpoints,
 * integration settings), so a burst costs one database read per key rather than one per request.
 * Misses (null) are cached briefly too, so a flood of unknown keys cannot become a flood of
 * queries. Bounded: the oldest entries go first. Changes take effect within `ttlMs`.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(
    private readonly load: (key: string) => Promise<V | null>,
    private readonly options: { ttlMs: number; missTtlMs: number; maxEntries: number; now?: () => number },
  ) {}

  async get(key: string): Promise<V | null> {
    const now = this.options.now?.() ?? Date.now();
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > now) return cached.value;

    const value = await this.load(key);
    this.entries.delete(key);
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, expiresAt: now + (value === null ? this.options.missTtlMs : this.options.ttlMs) });
    return value;
  }

  /** Forgets every entry, so the next read of each key loads it again (after a change made here). */
  clear(): void {
    this.entries.clear();
  }
}
