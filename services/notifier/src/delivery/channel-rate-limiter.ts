import { type TokenBucketLimit, TokenBuckets } from '@chatops/runtime';
import { type RedisConnection } from '@chatops/jobs';

export interface ChannelRateLimit extends TokenBucketLimit {
  /** Sustained messages per second per channel (Slack allows about 1). */
  perSecond: number;
  /** Messages a quiet channel may take at once. */
  burst: number;
}

/** Per-channel pacing for chat posts, shared by all notifier replicas through Redis (docs/delivery.md#pacing). */
export class ChannelRateLimiter {
  private readonly buckets: TokenBuckets;

  constructor(
    redis: RedisConnection,
    private readonly prefix: string,
    limit: ChannelRateLimit,
  ) {
    this.buckets = new TokenBuckets(redis, limit);
  }

  /** Takes a token for `channelKey`; 0 means go ahead, otherwise wait that many milliseconds. */
  take(channelKey: string): Promise<number> {
    return this.buckets.take(`${this.prefix}:ratelimit:${channelKey}`);
  }
}
