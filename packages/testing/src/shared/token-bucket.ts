/** Rate limit as Slack describes it for chat.postMessage: a sustained rate with a short burst allowance. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Token buckets by key (e.g. one per channel), driven by the injected clock. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number,
  ) {
    if (!(limit.perSecond > 0) || !(limit.burst >= 1)) throw new Error('rate limit needs perSecond > 0 and burst >= 1');
  }

  /** Takes one token, or returns the whole seconds to wait (what a `Retry-After` header carries). */
  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, updatedAt: now };
    const refilled = Math.min(
      this.limit.burst,
      bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.limit.perSecond,
    );
    bucket.updatedAt = now;
    if (refilled >= 1) {
      bucket.tokens = refilled - 1;
      this.buckets.set(key, bucket);
      return { ok: true };
    }
    bucket.tokens = refilled;
    this.buckets.set(key, bucket);
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - refilled) / this.limit.perSecond)) };
  }
}
