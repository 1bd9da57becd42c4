import { testInfra } from '@chatops/test-support/infra';
import { deletePrefix, uniquePrefix } from '@chatops/test-support/redis';
import { Redis } from 'ioredis';
import { TokenBuckets } from './token-buckets';
import { TokenLeases } from './token-leases';

describe('TokenBuckets and TokenLeases (real Redis)', () => {
  const prefix = uniquePrefix('buckets');
  const connections: Redis[] = [];
  const buckets = (perSecond: number, burst: number) => {
    const redis = new Redis(testInfra().redisUrl);
    connections.push(redis);
    return new TokenBuckets(redis, { perSecond, burst });
  };

  afterAll(async () => {
    connections.forEach((c) => c.disconnect());
    await deletePrefix(prefix);
  });

  it('takes as many tokens as the bucket holds in one round trip, then says when one will be back', async () => {
    const b = buckets(2, 5);
    expect(await b.takeUpTo(`${prefix}:a`, 3)).toEqual({ taken: 3, waitMs: 0 });
    expect(await b.takeUpTo(`${prefix}:a`, 3)).toEqual({ taken: 2, waitMs: 0 });
    const refused = await b.takeUpTo(`${prefix}:a`, 3);
    expect(refused.taken).toBe(0);
    expect(refused.waitMs).toBeGreaterThan(400);
    expect(refused.waitMs).toBeLessThanOrEqual(500);
    // `take` is a take of one.
    expect(await b.take(`${prefix}:a`)).toBeGreaterThan(0);
  });

  it('lets replicas leasing from one bucket together take no more than it holds', async () => {
    // 40 tokens and a refill too slow to matter: two replicas taking 60 each, one after another,
    // so that their leases grow.
    const [one, two] = [buckets(0.001, 40), buckets(0.001, 40)].map(
      (b) => new TokenLeases(b, { leaseMs: 250, maxLease: 16 }),
    );
    const takeMany = async (leases: TokenLeases) => {
      const waits: number[] = [];
      for (let i = 0; i < 60; i++) waits.push(await leases.take(`${prefix}:shared`));
      return waits;
    };
    const [a, b] = await Promise.all([takeMany(one!), takeMany(two!)]);
    expect([...a, ...b].filter((w) => w === 0)).toHaveLength(40);
  });
});
