import { costAt } from './capacity-model';
import { capacitySection, inputsFrom } from './capacity-table';
import { perEventMetric } from './per-event';
import { metric, type ScenarioResult } from './results';

/** A cpu-per-event result holding the figures the table needs, at 200 and 400/s (the same at both but the gateway's). */
function result(skip?: string): ScenarioResult {
  const figures: Record<string, number> = {
    [perEventMetric.cpu(400, 'chatops', 'gateway')]: 0.5,
    [perEventMetric.cpu(400, 'chatops', 'notifier')]: 1.25,
    [perEventMetric.cpu(400, 'chatops', 'redis')]: 0.25,
    [perEventMetric.cpu(400, 'chatops', 'postgres')]: 0.5,
    [perEventMetric.cpu(200, 'chatops', 'gateway')]: 0.8,
    [perEventMetric.cpu(200, 'chatops', 'notifier')]: 1.25,
    [perEventMetric.cpu(200, 'chatops', 'redis')]: 0.25,
    [perEventMetric.cpu(200, 'chatops', 'postgres')]: 0.5,
    [perEventMetric.saturatedCpu('gateway')]: 0.25,
    [perEventMetric.saturatedCpu('notifier')]: 0.5,
    [perEventMetric.saturatedRate]: 1200,
    [perEventMetric.peakMemory(400, 'chatops', 'gateway')]: 170,
    [perEventMetric.peakMemory(400, 'chatops', 'notifier')]: 160,
    [perEventMetric.redisBytesPerQueuedEvent]: 10_000,
    [perEventMetric.redisBytesPerDedupeKey]: 200,
    [perEventMetric.postgresBytesPerEvent]: 1500,
  };
  return {
    scenario: 'cpu-per-event',
    title: '',
    startedAt: '2026-12-07T10:00:00.000Z',
    durationS: 1,
    machine: {
      cores: 2,
      cpuModel: 'Test CPU',
      memoryGb: 8,
      node: 'v20',
      redis: '7',
      postgres: '15',
      loadAverage1m: 0.1,
      commit: 'abc1234',
    },
    config: { rates: [200, 400] },
    metrics: Object.entries(figures)
      .filter(([name]) => name !== skip)
      .map(([name, value]) => metric(name, '', [value, value, value])),
    notes: [],
    runs: [],
  };
}

describe('inputsFrom', () => {
  it("fits curves through chatops' medians at every rate, and says where they come from", () => {
    const inputs = inputsFrom(result());
    expect(inputs?.cpu.notifier).toMatchObject({ ms: 1.25, exponent: 0 });
    expect(costAt(inputs!.cpu.gateway, 400)).toBeCloseTo(0.5, 10);
    expect(costAt(inputs!.cpu.gateway, 800)).toBeCloseTo(0.3125, 10);
    // Below the top rate, held at its cost.
    expect(costAt(inputs!.cpu.gateway, 200)).toBeCloseTo(0.5, 10);
    expect(inputs?.rates).toEqual([200, 400]);
    expect(inputs?.measured.gateway).toEqual([0.8, 0.5]);
    expect(inputs?.rssMb).toEqual({ gateway: 170, notifier: 160 });
    expect(inputs?.saturated).toEqual({ gateway: 0.25, notifier: 0.5, deliveredPerSecond: 1200 });
    expect(inputs?.storage.redisBytesPerDedupeKey).toBe(200);
    expect(inputs?.source).toContain('2026-12-07 10:00 UTC, commit abc1234');
    expect(inputs?.source).toContain('medians of 3 run(s) at 200, 400/s');
  });

  it('gives nothing when a figure is missing (the table is then left as it was)', () => {
    expect(inputsFrom(result(perEventMetric.cpu(400, 'chatops', 'notifier')))).toBeUndefined();
    expect(inputsFrom(result(perEventMetric.cpu(200, 'chatops', 'redis')))).toBeUndefined();
    expect(inputsFrom(result(perEventMetric.peakMemory(400, 'chatops', 'notifier')))).toBeUndefined();
    expect(inputsFrom(result(perEventMetric.saturatedCpu('notifier')))).toBeUndefined();
    expect(inputsFrom({ ...result(), metrics: [] })).toBeUndefined();
  });
});

describe('capacitySection', () => {
  const section = capacitySection(inputsFrom(result())!);

  it('plans replicas per rate at half a core each', () => {
    // notifier: 1.25 ms → 0.125, 1.25 and 12.5 cores → 1, 3 and 25 replicas.
    expect(section).toContain('| notifier: replicas | 1 | 3 | 25 |');
    // gateway: 0.8 ms at 200/s, 0.5 at 400/s (exponent log(0.5/0.8)/log 2 ≈ −0.68), held at its
    // 800/s value (≈ 0.312 ms) past twice the top rate: a replica is at half a core at 1,600/s.
    expect(section).toContain('| gateway: replicas | 2 | 2 | 7 |');
    expect(section).toContain('a gateway gets there at 1,600 events/s, a notifier at 400');
  });

  it("gives a replica's ceiling from the saturated run", () => {
    expect(section).toContain('one gateway and two notifiers delivered 1,200 events/s');
    // 1000 ÷ 0.25 and 1000 ÷ 0.5.
    expect(section).toContain('about 4,000 events/s for a gateway and 2,000 for a notifier');
  });

  it('flags a Redis busier than half its one thread', () => {
    expect(section).toContain('| Redis: cores busy (one thread) | 0.03 | 0.25 | 2.5 ⚠ |');
  });

  it('sizes the stores and gives the KEDA listLength', () => {
    // 1,000/s × 86,400 s × 200 B.
    expect(section).toContain('| Redis: dedupe keys (rate × 86,400 s) | 1.7 GB | 17.3 GB | 172.8 GB |');
    // 0.5 × 1000 ÷ 1.25 = 400 events/s per replica; half a second of it.
    expect(section).toContain("`listLength` for the notifier's wait lists: 200");
  });
});
