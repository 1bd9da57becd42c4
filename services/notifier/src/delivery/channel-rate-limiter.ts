import { type Redis } from 'ioredis';

// A token bucket per channel, atomic on Redis's own clock: 0 when a token was taken, else the
// milliseconds until one will be available. See docs/delivery.md#pacing.
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

export interface ChannelRateLimit {
  /** Sustained messages per second per channel (Slack allows about 1). */
  perSecond: number;
  /** Messages a quiet channel may take at once. */
  burst: number;
}

/** The connection, with the script defined on it as a command. */
type WithTakeToken = Redis & { chatopsTakeToken(key: string, ratePerMs: number, burst: number): Promise<number> };

/** Per-channel pacing for chat posts, shared by all notifier replicas through Redis (docs/delivery.md#pacing). */
export class ChannelRateLimiter {
  private readonly redis: WithTakeToken;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly limit: ChannelRateLimit,
  ) {
    // A defined command runs by its SHA (EVALSHA, loading the script once), where a plain EVAL
    // would send and hash the whole script for every message.
    redis.defineCommand('chatopsTakeToken', { numberOfKeys: 1, lua: TAKE_TOKEN });
    this.redis = redis as WithTakeToken;
  }

  /** Takes a token for `channelKey`; 0 means go ahead, otherwise wait that many milliseconds. */
  async take(channelKey: string): Promise<number> {
    const wait = await this.redis.chatopsTakeToken(
      `${this.prefix}:ratelimit:${channelKey}`,
      this.limit.perSecond / 1000,
      this.limit.burst,
    );
    return Number(wait);
  }
}
