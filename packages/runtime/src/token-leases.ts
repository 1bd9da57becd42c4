import { type TokenBuckets } from './token-buckets';

export interface TokenLeasesOptions {
  /** How long tokens taken ahead stay usable here; unused ones are then dropped, not given back. */
  leaseMs: number;
  /** The most tokens one round trip takes ahead. */
  maxLease: number;
  /** Current time in milliseconds (injected so tests can move it). */
  now?: () => number;
  /** Keys kept before expired leases are dropped (one per endpoint or team seen). */
  maxKeys?: number;
}

interface Lease {
  /** Tokens taken from Redis and not used yet. */
  tokens: number;
  expiresAt: number;
  /** Tokens the next round trip asks for. */
  size: number;
}

/**
 * Token buckets in Redis taken from in leases: a key busy enough to use up what it took within
 * `leaseMs` takes twice as many the next time (up to `maxLease`), one that lets a lease expire
 * half as many, so a quiet key still makes one round trip per take and a busy one one per lease
 * instead of one per request. A lease comes out of the shared bucket, so all replicas together
 * still never take more than it allows; a replica only holds up to a lease's worth of it for
 * `leaseMs`, and what it did not use is lost to everyone (the limit is then a little stricter).
 * See docs/operations.md#rate-limits-at-the-gateway.
 */
export class TokenLeases {
  private readonly leases = new Map<string, Lease>();
  private readonly now: () => number;

  constructor(
    private readonly buckets: Pick<TokenBuckets, 'takeUpTo'>,
    private readonly options: TokenLeasesOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Takes a token this replica holds for `key`, if it holds one: no round trip, no waiting. */
  takeHeld(key: string): boolean {
    const lease = this.leases.get(key);
    if (!lease || lease.tokens < 1 || this.now() >= lease.expiresAt) return false;
    lease.tokens -= 1;
    return true;
  }

  /** Takes a token for `key`: 0 means go ahead, otherwise one is there in that many milliseconds. */
  async take(key: string): Promise<number> {
    if (this.takeHeld(key)) return 0;
    const now = this.now();
    const lease = this.leases.get(key);
    const size = this.nextSize(lease, now);
    const { taken, waitMs } = await this.buckets.takeUpTo(key, size);
    const after = this.now();
    // Takes that missed together each made a round trip: what this one brought joins the lease
    // another already started, and expires with it, so no token is held longer than `leaseMs`.
    const current = this.leases.get(key);
    const joined = current !== undefined && after < current.expiresAt;
    this.keep(key, {
      tokens: (joined ? current.tokens : 0) + Math.max(0, taken - 1),
      expiresAt: joined ? current.expiresAt : after + this.options.leaseMs,
      size,
    });
    return taken >= 1 ? 0 : waitMs;
  }

  /** Twice the last lease when it ran out before expiring, half when it expired unused, else the same. */
  private nextSize(lease: Lease | undefined, now: number): number {
    if (!lease) return 1;
    if (now < lease.expiresAt) return Math.min(this.options.maxLease, lease.size * 2);
    return lease.tokens >= 1 ? Math.max(1, Math.floor(lease.size / 2)) : lease.size;
  }

  private keep(key: string, lease: Lease): void {
    if (!this.leases.has(key) && this.leases.size >= (this.options.maxKeys ?? 10_000)) {
      const now = this.now();
      for (const [k, l] of this.leases) if (l.expiresAt <= now) this.leases.delete(k);
    }
    this.leases.set(key, lease);
  }
}
