import { AppError, ErrorCode } from '@chatops/errors';
import pino from 'pino';
import { Registry } from 'prom-client';
import { GatewayRateLimits } from './rate-limits';

const log = pino({ level: 'silent' });

function limits(take: (key: string) => Promise<number>) {
  const registry = new Registry();
  const keys: string[] = [];
  const buckets = {
    take: (key: string) => {
      keys.push(key);
      return take(key);
    },
  };
  const rateLimits = new GatewayRateLimits({
    endpoints: buckets,
    teams: buckets,
    prefix: 'p',
    registry,
    timeoutMs: 50,
  });
  const count = async (name: string) =>
    (await registry.getSingleMetric(name)?.get())?.values.map((v) => [v.labels['scope'], v.value]) ?? [];
  return { rateLimits, keys, count };
}

describe('GatewayRateLimits', () => {
  it('takes a token the replica already holds without a round trip (leases), and asks otherwise', async () => {
    const registry = new Registry();
    const held = new Set(['p:ratelimit:gateway:endpoint:ep1']);
    const asked: string[] = [];
    const budget = {
      takeHeld: (key: string) => held.has(key),
      take: async (key: string) => {
        asked.push(key);
        return 0;
      },
    };
    const rateLimits = new GatewayRateLimits({ endpoints: budget, teams: budget, prefix: 'p', registry });
    // A held token is taken in the same tick: nothing to wait for.
    expect(rateLimits.endpoint('ep1', log)).toBeUndefined();
    await rateLimits.endpoint('ep2', log);
    expect(asked).toEqual(['p:ratelimit:gateway:endpoint:ep2']);
  });

  it('keys budgets by endpoint and by provider and team, under the queue prefix', async () => {
    const { rateLimits, keys } = limits(async () => 0);
    await rateLimits.endpoint('ep1', log);
    await rateLimits.team('slack', 'T1', log);
    await rateLimits.team('mattermost', 'T1', log);
    expect(keys).toEqual([
      'p:ratelimit:gateway:endpoint:ep1',
      'p:ratelimit:gateway:team:slack:T1',
      'p:ratelimit:gateway:team:mattermost:T1',
    ]);
  });

  it('refuses with rate_limited and the whole seconds to wait, at least one, and counts it', async () => {
    const { rateLimits, count } = limits(async () => 1200);
    const refusal = await rateLimits.endpoint('ep1', log)?.catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({
      code: ErrorCode.RateLimited,
      httpStatus: 429,
      retryAfterMs: 2000,
      details: { scope: 'endpoint', retryAfterSeconds: 2 },
    });
    const short = await limits(async () => 30)
      .rateLimits.team('slack', 'T1', log)
      ?.catch((error: unknown) => error);
    expect(short).toMatchObject({ retryAfterMs: 1000, details: { scope: 'team', retryAfterSeconds: 1 } });
    expect(await count('chatops_gateway_rate_limited_total')).toEqual([['endpoint', 1]]);
  });

  it('waits for Redis to be connected before it takes', async () => {
    const registry = new Registry();
    const events: string[] = [];
    const rateLimits = new GatewayRateLimits({
      endpoints: { take: async () => (events.push('take'), 0) },
      teams: { take: async () => 0 },
      prefix: 'p',
      registry,
      whenConnected: async () => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        events.push('connected');
      },
    });
    await rateLimits.endpoint('ep1', log);
    expect(events).toEqual(['connected', 'take']);
  });

  it.each([
    ['Redis fails', () => Promise.reject(new Error('Connection is closed.'))],
    ['Redis does not answer in time', () => new Promise<number>(() => undefined)],
  ])('lets the request through when %s, and counts it', async (_label, take) => {
    const { rateLimits, count } = limits(take);
    await expect(rateLimits.endpoint('ep1', log)).resolves.toBeUndefined();
    await expect(rateLimits.team('slack', 'T1', log)).resolves.toBeUndefined();
    expect(await count('chatops_gateway_rate_limit_errors_total')).toEqual([
      ['endpoint', 1],
      ['team', 1],
    ]);
  });
});
