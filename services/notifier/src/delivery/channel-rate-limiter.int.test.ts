import { Redis } from 'ioredis';
import { testInfra } from '@chatops/test-support/infra';
import { deletePrefix, uniquePrefix } from '@chatops/test-support/redis';
import { ChannelRateLimiter } from './channel-rate-limiter';

describe('ChannelRateLimiter (real Redis)', () => {
  const prefix = uniquePrefix('ratelimit');
  const connections: Redis[] = [];
  const limiter = (perSecond: number, burst: number) => {
    const redis = new Redis(testInfra().redisUrl);
    connections.push(redis);
    return new ChannelRateLimiter(redis, prefix, { perSecond, burst });
  };

  afterAll(async () => {
    connections.forEach((c) => c.disconnect());
    await deletePrefix(prefix);
  });

  it('allows a burst, then paces at the rate', async () => {
    const l = limiter(2, 3);
    expect([await l.take('a'), await l.take('a'), await l.take('a')]).toEqual([0, 0, 0]);
    const wait = await l.take('a');
    expect(wait).toBeGreaterThan(400);
    expect(wait).toBeLessThanOrEqual(500);
    await new Promise((r) => setTimeout(r, wait + 20));
    expect(await l.take('a')).toBe(0);
  });

  it('keeps channels independent', async () => {
    const l = limiter(1, 1);
    expect(await l.take('b')).toBe(0);
    expect(await l.take('b')).toBeGreaterThan(0);
    expect(await l.take('c')).toBe(0);
  });

  it('shares one bucket between replicas', async () => {
    const [one, two] = [limiter(1, 2), limiter(1, 2)];
    const waits = await Promise.all([one.take('d'), two.take('d'), one.take('d'), two.take('d')]);
    expect(waits.filter((w) => w === 0)).toHaveLength(2);
  });
});
