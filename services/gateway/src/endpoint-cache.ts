import { type EndpointForIngest } from '@chatops/db';

interface Entry {
  value: EndpointForIngest | null;
  expiresAt: number;
}

/**
 * A short-lived cache of webhook endpoints, so a burst of webhooks costs one database read per
 * endpoint rather than one per request. Unknown ids are cached briefly too, so a flood of bad
 * URLs cannot turn into a flood of queries. Bounded: the oldest entries go first.
 */
export class EndpointCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly load: (id: string) => Promise<EndpointForIngest | null>,
    private readonly options: { ttlMs: number; missTtlMs: number; maxEntries: number; now?: () => number },
  ) {}

  async get(id: string): Promise<EndpointForIngest | null> {
    const now = this.options.now?.() ?? Date.now();
    const cached = this.entries.get(id);
    if (cached && cached.expiresAt > now) return cached.value;

    const value = await this.load(id);
    this.entries.delete(id);
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(id, { value, expiresAt: now + (value ? this.options.ttlMs : this.options.missTtlMs) });
    return value;
  }
}
