import { type RedisConnection } from '@chatops/jobs';

// A token bucket per key, atomic on Redis's own clock (so replicas' clocks never matter): takes up
// to ARGV[3] tokens at once, as many as there are whole ones, and answers {taken, wait}: wait is 0
// when any was taken, else the milliseconds until one will be available. A refused take leaves the
// bucket as it was (refilled to now): refusals cost the caller nothing.
const TAKE_TOKENS = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local want = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local taken = math.min(want, math.floor(tokens))
local wait = 0
if taken >= 1 then
  tokens = tokens - taken
else
  taken = 0
  wait = math.ceil((1 - tokens) / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) + 1000)
return {taken, wait}
`;

export interface TokenBucketLimit {
  /** Sustained takes per second per key. */
  perSecond: number;
  /** Takes a key that has been quiet may make at once. */
  burst: number;
}

/** The connection, with the script defined on it as a command. */
type WithTakeTokens = RedisConnection & {
  chatopsTakeTokens(key: string, ratePerMs: number, burst: number, want: number): Promise<[number, number]>;
};

/** What a take got: `taken` tokens (0 or more), or, when none, the milliseconds until one will be there. */
export interface TokensTaken {
  taken: number;
  waitMs: number;
}

/**
 * Token buckets in Redis, one per key, shared by every replica (the notifier's per-channel pacing,
 * the gateway's request limits). Keys are full Redis keys: the caller prefixes them.
 */
export class TokenBuckets {
  private readonly redis: WithTakeTokens;

  constructor(
    redis: RedisConnection,
    private readonly limit: TokenBucketLimit,
  ) {
    // A defined command runs by its SHA (EVALSHA, loading the script once), where a plain EVAL
    // would send and hash the whole script for every take.
    redis.defineCommand('chatopsTakeTokens', { numberOfKeys: 1, lua: TAKE_TOKENS });
    this.redis = redis as WithTakeTokens;
  }

  /** Takes a token from `key`'s bucket; 0 means go ahead, otherwise one is there in that many milliseconds. */
  async take(key: string): Promise<number> {
    const { taken, waitMs } = await this.takeUpTo(key, 1);
    return taken >= 1 ? 0 : waitMs;
  }

  /** Takes as many of `want` tokens as `key`'s bucket holds, in one round trip (see TokenLeases). */
  async takeUpTo(key: string, want: number): Promise<TokensTaken> {
    const [taken, waitMs] = await this.redis.chatopsTakeTokens(
      key,
      this.limit.perSecond / 1000,
      this.limit.burst,
      want,
    );
    return { taken: Number(taken), waitMs: Number(waitMs) };
  }
}
