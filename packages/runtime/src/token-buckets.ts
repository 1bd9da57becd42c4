import { type RedisConnection } from '@chatops/jobs';

// A token bucket per key, atomic on Redis's own clock (so replicas' clocks never matter): 0 when a
// token was taken, else the milliseconds until one will be available. A refused take leaves the
// bucket as it was (refilled to now): refusals cost the caller nothing.
const TAKE_TOKEN = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = math.ceil((1 - tokens) / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) + 1000)
return wait
`;

export interface TokenBucketLimit {
  /** Sustained takes per second per key. */
  perSecond: number;
  /** Takes a key that has been quiet may make at once. */
  burst: number;
}

/** The connection, with the script defined on it as a command. */
type WithTakeToken = RedisConnection & {
  chatopsTakeToken(key: string, ratePerMs: number, burst: number): Promise<number>;
};

/**
 * Token buckets in Redis, one per key, shared by every replica (the notifier's per-channel pacing,
 * the gateway's request limits). Keys are full Redis keys: the caller prefixes them.
 */
export class TokenBuckets {
  private readonly redis: WithTakeToken;

  constructor(
    redis: RedisConnection,
    private readonly limit: TokenBucketLimit,
  ) {
    // A defined command runs by its SHA (EVALSHA, loading the script once), where a plain EVAL
    // would send and hash the whole script for every take.
    redis.defineCommand('chatopsTakeToken', { numberOfKeys: 1, lua: TAKE_TOKEN });
    this.redis = redis as WithTakeToken;
  }

  /** Takes a token from `key`'s bucket; 0 means go ahead, otherwise one is there in that many milliseconds. */
  async take(key: string): Promise<number> {
    return Number(await this.redis.chatopsTakeToken(key, this.limit.perSecond / 1000, this.limit.burst));
  }
}
