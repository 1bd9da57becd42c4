import {
  DEFAULT_PLAN,
  kedaListLength,
  keptUp,
  plan,
  predictionError,
  predictRate,
  searchRates,
  storage,
} from './capacity-model';

/** The by-hand figures of issue 19 (CPU-ms per event). */
const cost = { gateway: 0.54, notifier: 1.22, redis: 0.31, postgres: 0.56 };

describe('predictRate', () => {
  it('is the lowest of the bounds, and names it', () => {
    const p = predictRate([
      { name: 'gateway', cores: 1, cpuMsPerEvent: 0.5 },
      { name: 'notifier', cores: 1, cpuMsPerEvent: 1.25 },
      { name: 'machine', cores: 2, cpuMsPerEvent: 2.5 },
    ]);
    expect(p.bounds).toEqual({ gateway: 2000, notifier: 800, machine: 800 });
    // Ties keep the first: the pinned service.
    expect(p).toMatchObject({ rate: 800, bottleneck: 'notifier' });
  });

  it('lets the machine bind when the free processes take the room the pinned ones leave', () => {
    const p = predictRate([
      { name: 'notifier', cores: 1, cpuMsPerEvent: 1 },
      { name: 'machine', cores: 2, cpuMsPerEvent: 4 },
    ]);
    expect(p).toMatchObject({ rate: 500, bottleneck: 'machine' });
  });

  it('counts only the cores a group has: two notifiers on one core share it', () => {
    expect(predictRate([{ name: 'notifiers', cores: 1, cpuMsPerEvent: 1.22 }]).rate).toBeCloseTo(819.67, 2);
  });
});

describe('plan', () => {
  it('gives cores busy at the rate and replicas at the planned utilisation, never below the minimum', () => {
    const p = plan(1000, cost);
    expect(p.gateway.cores).toBeCloseTo(0.54, 10);
    // 0.54 cores at 0.5 of a core each: 2 replicas (the HPA's minimum anyway).
    expect(p.gateway.replicas).toBe(2);
    expect(p.notifier.cores).toBeCloseTo(1.22, 10);
    expect(p.notifier.replicas).toBe(3);
    expect(p.redisCores).toBeCloseTo(0.31, 10);
    expect(p.postgresCores).toBeCloseTo(0.56, 10);
    expect(p.postgresConnections).toBe(50);
  });

  it('keeps the minimum replicas at a low rate', () => {
    const p = plan(100, cost);
    expect([p.gateway.replicas, p.notifier.replicas]).toEqual([2, 1]);
  });

  it('scales linearly with the rate', () => {
    const p = plan(10_000, cost);
    expect(p.gateway.replicas).toBe(11);
    expect(p.notifier.replicas).toBe(25);
    expect(p.redisCores).toBeCloseTo(3.1, 10);
  });

  it('does not add a replica for a rounding error at an exact multiple', () => {
    expect(plan(1000, { ...cost, notifier: 1.5 }, { ...DEFAULT_PLAN, utilisation: 0.5 }).notifier.replicas).toBe(3);
  });
});

describe('kedaListLength', () => {
  it('is what one replica at the planned utilisation clears in the given seconds', () => {
    // 0.5 × 1000 ÷ 1.22 ≈ 410 events/s per replica.
    expect(kedaListLength(1.22, 0.5, 1)).toBe(410);
    expect(kedaListLength(1.22, 0.5, 0.5)).toBe(205);
  });
});

describe('storage', () => {
  it('holds rate × TTL dedupe keys, a backlog of rate × seconds, and a day of deliveries', () => {
    const s = storage(
      1000,
      { redisBytesPerQueuedEvent: 4000, redisBytesPerDedupeKey: 100, postgresBytesPerEvent: 1500 },
      86_400,
      60,
    );
    expect(s.redisDedupeBytes).toBe(8_640_000_000);
    expect(s.redisBacklogBytes).toBe(240_000_000);
    expect(s.postgresBytesPerDay).toBe(129_600_000_000);
  });
});

describe('searchRates', () => {
  it('tries fractions of the prediction, rounded to 10/s, without repeats', () => {
    expect(searchRates(640)).toEqual([380, 450, 510, 580, 640, 700, 770, 830, 900, 960]);
    expect(searchRates(12, [0.5, 1])).toEqual([10]);
  });
});

describe('keptUp', () => {
  const step = { sent: 9000, accepted: 9000, stillQueued: 0, drainS: 0.4, deliveredPerSecond: 598 };

  it('holds when all was accepted and delivered at the rate offered, with no backlog at the end', () => {
    expect(keptUp(step, 600, 15)).toBe(true);
  });

  it('fails on a backlog at the end of the load: a drain longer than max(1 s, 5 % of the step)', () => {
    expect(keptUp({ ...step, drainS: 1.2 }, 600, 15)).toBe(false);
    expect(keptUp({ ...step, drainS: 2.9 }, 600, 60)).toBe(true);
    expect(keptUp({ ...step, drainS: 3.1 }, 600, 60)).toBe(false);
  });

  it('fails when less than 95 % of the rate arrived while the load ran (a starved load generator included)', () => {
    expect(keptUp({ ...step, deliveredPerSecond: 423 }, 580, 15)).toBe(false);
  });

  it('fails when the gateway turned events away or some were not delivered in the window', () => {
    expect(keptUp({ ...step, accepted: 8990 }, 600, 15)).toBe(false);
    expect(keptUp({ ...step, stillQueued: 3 }, 600, 15)).toBe(false);
  });
});

describe('predictionError', () => {
  it('is the distance from the prediction as a share of it', () => {
    expect(predictionError(600, 800)).toBe(0.25);
    expect(predictionError(1000, 800)).toBe(0.25);
  });
});
