import {
  costAt,
  DEFAULT_PLAN,
  fitCostCurve,
  flatCost,
  kedaListLength,
  keptUp,
  plan,
  predictionError,
  predictRate,
  rateForCores,
  searchCapacity,
  searchRates,
  storage,
} from './capacity-model';

/** The by-hand figures of issue 19 (CPU-ms per event), as constant costs. */
const cost = { gateway: flatCost(0.54), notifier: flatCost(1.22), redis: flatCost(0.31), postgres: flatCost(0.56) };

describe('fitCostCurve', () => {
  it('goes through points that lie on a power law from the top rate, and holds the cost outside it up to twice that', () => {
    // 4 ms at 100/s, halving with every doubling: exponent −1 is clamped to −0.9 (total CPU cannot fall).
    const steep = fitCostCurve([
      { rate: 100, ms: 4 },
      { rate: 400, ms: 1 },
    ]);
    expect(steep.exponent).toBe(-0.9);
    const curve = fitCostCurve([
      { rate: 100, ms: 2 },
      { rate: 200, ms: 1.5 },
      { rate: 400, ms: 1.125 },
    ]);
    expect(curve.exponent).toBeCloseTo(Math.log(0.75) / Math.log(2), 10);
    expect(costAt(curve, 400)).toBeCloseTo(1.125, 10);
    expect(costAt(curve, 600)).toBeCloseTo(1.125 * 1.5 ** curve.exponent, 10);
    // Below the top rate the cost is held at the top rate's: a loaded process is not priced at a quiet one's.
    expect(costAt(curve, 100)).toBeCloseTo(1.125, 10);
    expect(costAt(curve, 800)).toBeCloseTo(0.84375, 10);
    expect(costAt(curve, 5000)).toBeCloseTo(0.84375, 10);
  });

  it('is flat for one rate, and unknown for none', () => {
    expect(costAt(fitCostCurve([{ rate: 400, ms: 3 }]), 5000)).toBeCloseTo(3, 10);
    expect(fitCostCurve([]).ms).toBeNaN();
  });
});

describe('rateForCores', () => {
  it('solves rate × cost(rate) = cores × 1000 on the curve, and past its flat end', () => {
    const curve = fitCostCurve([
      { rate: 100, ms: 2 },
      { rate: 400, ms: 1.125 },
    ]);
    // Below the top rate, at its cost: 300 ÷ 1.125.
    expect(rateForCores(curve, 0.3)).toBeCloseTo(300 / 1.125, 8);
    // Between 400/s and 800/s, on the curve.
    const at = rateForCores(curve, 0.6);
    expect(at).toBeGreaterThan(400);
    expect(at).toBeLessThan(800);
    expect((at * costAt(curve, at)) / 1000).toBeCloseTo(0.6, 10);
    // Past 800/s the cost is held at costAt(800): the rest is linear.
    expect(rateForCores(curve, 2)).toBeCloseTo(2000 / costAt(curve, 800), 8);
    expect(rateForCores(flatCost(1.25), 1)).toBe(800);
  });
});

describe('predictRate', () => {
  it('is the lowest of the bounds, and names it', () => {
    const p = predictRate([
      { name: 'gateway', cores: 1, cost: flatCost(0.5) },
      { name: 'notifier', cores: 1, cost: flatCost(1.25) },
      { name: 'machine', cores: 2, cost: flatCost(2.5) },
    ]);
    expect(p.bounds).toEqual({ gateway: 2000, notifier: 800, machine: 800 });
    // Ties keep the first: the pinned service.
    expect(p).toMatchObject({ rate: 800, bottleneck: 'notifier' });
  });

  it('lets the machine bind when the free processes take the room the pinned ones leave', () => {
    const p = predictRate([
      { name: 'notifier', cores: 1, cost: flatCost(1) },
      { name: 'machine', cores: 2, cost: flatCost(4) },
    ]);
    expect(p).toMatchObject({ rate: 500, bottleneck: 'machine' });
  });

  it('counts only the cores a group has: two notifiers on one core share it', () => {
    expect(predictRate([{ name: 'notifiers', cores: 1, cost: flatCost(1.22) }]).rate).toBeCloseTo(819.67, 2);
  });

  it('prices replicas sharing a rate at their own, lower rate', () => {
    const curve = fitCostCurve([
      { rate: 100, ms: 2 },
      { rate: 400, ms: 1.125 },
    ]);
    const one = predictRate([{ name: 'one', cores: 1, cost: curve }]).rate;
    const two = predictRate([{ name: 'two', cores: 1, cost: curve, replicas: 2 }]).rate;
    // Each of two handles half the rate, at a higher cost per event: together they reach less.
    expect(two).toBeLessThan(one);
    expect(((two / 2) * costAt(curve, two / 2) * 2) / 1000).toBeCloseTo(1, 8);
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
    expect(
      plan(1000, { ...cost, notifier: flatCost(1.5) }, { ...DEFAULT_PLAN, utilisation: 0.5 }).notifier.replicas,
    ).toBe(3);
  });

  it('sizes replicas by the rate each one handles when the cost falls with the rate', () => {
    // 2 ms at 100/s to 1.125 ms at 400/s; held at 0.84 ms past 800/s: half a core is about 480/s.
    const falling = fitCostCurve([
      { rate: 100, ms: 2 },
      { rate: 200, ms: 1.5 },
      { rate: 400, ms: 1.125 },
    ]);
    const p = plan(10_000, { ...cost, notifier: falling });
    expect(p.notifier.replicas).toBe(Math.ceil(10_000 / rateForCores(falling, 0.5)));
    expect(p.notifier.cores).toBeCloseTo((10_000 * costAt(falling, 10_000 / p.notifier.replicas)) / 1000, 10);
    // A server taking the whole rate is priced at it (held at the curve's flat end).
    expect(plan(10_000, { ...cost, redis: falling }).redisCores).toBeCloseTo(
      (10_000 * costAt(falling, 800)) / 1000,
      10,
    );
  });
});

describe('kedaListLength', () => {
  it('is what one replica at the planned utilisation clears in the given seconds', () => {
    // 0.5 × 1000 ÷ 1.22 ≈ 410 events/s per replica.
    expect(kedaListLength(flatCost(1.22), 0.5, 1)).toBe(410);
    expect(kedaListLength(flatCost(1.22), 0.5, 0.5)).toBe(205);
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
    expect(searchRates(640)).toEqual([510, 580, 640, 700, 770, 830, 900, 960, 1020, 1150, 1280]);
    expect(searchRates(12, [0.5, 1])).toEqual([10]);
  });
});

describe('searchCapacity', () => {
  /** The rates a search tries against a stack that keeps up to `capacity`. */
  async function tried(predicted: number, capacity: number): Promise<number[]> {
    const rates: number[] = [];
    await searchCapacity(predicted, async (rate) => {
      rates.push(rate);
      return rate <= capacity;
    });
    return rates;
  }

  it('goes up from 80 % of the prediction until a step falls behind', async () => {
    expect(await tried(1000, 1150)).toEqual([800, 900, 1000, 1100, 1200]);
  });

  it('goes up to twice the prediction, and no further, when every step keeps up', async () => {
    expect(await tried(500, 5000)).toEqual(searchRates(500));
  });

  it('goes down from 80 % when the first step already falls behind, until one keeps up', async () => {
    // 1040 falls behind; 910 (70 %) and 780 (60 %) too; 650 (50 %) keeps up.
    expect(await tried(1300, 700)).toEqual([1040, 910, 780, 650]);
  });

  it('stops at 30 % when nothing keeps up', async () => {
    expect(await tried(1000, 0)).toEqual([800, 700, 600, 500, 400, 300]);
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
