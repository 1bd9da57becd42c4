/**
 * Keeps `WebhookEndpoint.lastEventAt` roughly current without a write per webhook: each gateway
 * writes at most once per `intervalMs` per endpoint, in the background (the answer to GitLab
 * never waits for it, and a failed write only costs that minute's timestamp). The write itself
 * skips endpoints whose timestamp another replica refreshed within the interval.
 */
export class EndpointActivity {
  private readonly lastWrite = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly options: {
      intervalMs: number;
      now: () => number;
      /** Writes the timestamp (skipping endpoints refreshed within the interval). */
      write: (endpointId: string, at: Date) => Promise<unknown>;
      onError: (error: unknown, endpointId: string) => void;
      /** Bound on the endpoints remembered; past it, entries older than the interval are dropped. */
      maxEntries?: number;
    },
  ) {}

  /** An event was accepted for this endpoint now. */
  record(endpointId: string): void {
    const now = this.options.now();
    const last = this.lastWrite.get(endpointId);
    if (last !== undefined && now - last < this.options.intervalMs) return;
    if (last === undefined && this.lastWrite.size >= (this.options.maxEntries ?? 10_000)) this.forgetOlderThan(now);
    this.lastWrite.set(endpointId, now);
    const write = this.options
      .write(endpointId, new Date(now))
      .then(
        () => undefined,
        (error: unknown) => this.options.onError(error, endpointId),
      )
      .finally(() => this.inFlight.delete(write));
    this.inFlight.add(write);
  }

  /** Resolves once the writes started so far are done (before closing the database). */
  async flush(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  private forgetOlderThan(now: number): void {
    for (const [id, at] of this.lastWrite) if (now - at >= this.options.intervalMs) this.lastWrite.delete(id);
    // Still full (that many endpoints active within one interval): start over rather than grow.
    if (this.lastWrite.size >= (this.options.maxEntries ?? 10_000)) this.lastWrite.clear();
  }
}
