/**
 * Records received calls cheaply: entries go into a plain array without copying, and with
 * `keepEntries: false` only the per-key counters are kept (for load benchmarks).
 */
export class CallLog<T> {
  readonly entries: T[] = [];
  private readonly counts = new Map<string, number>();

  constructor(private readonly keepEntries: boolean) {}

  add(key: string, entry: T): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (this.keepEntries) this.entries.push(entry);
  }

  /** Calls received under one key, or in total when no key is given. */
  count(key?: string): number {
    if (key !== undefined) return this.counts.get(key) ?? 0;
    let total = 0;
    for (const n of this.counts.values()) total += n;
    return total;
  }

  countsByKey(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  clear(): void {
    this.entries.length = 0;
    this.counts.clear();
  }
}
