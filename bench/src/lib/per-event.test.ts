import { cpuMsPerEvent, highestRate, ratios, sumOf } from './per-event';

describe('cpuMsPerEvent', () => {
  it('turns CPU seconds over a window into milliseconds per event', () => {
    expect(cpuMsPerEvent({ gateway: 3.3, notifier: 7.2 }, 6000)).toEqual({ gateway: 0.55, notifier: 1.2 });
  });

  it('is NaN without events, rather than a division by zero read as free', () => {
    expect(cpuMsPerEvent({ gateway: 1 }, 0).gateway).toBeNaN();
  });
});

describe('sumOf', () => {
  it('adds the named groups only', () => {
    expect(sumOf({ gateway: 0.5, notifier: 1.25, redis: 0.25, bench: 9 }, ['gateway', 'notifier', 'redis'])).toBe(2);
  });

  it('is NaN when a named group is missing', () => {
    expect(sumOf({ gateway: 0.5 }, ['gateway', 'notifer'])).toBeNaN();
  });
});

describe('ratios', () => {
  it('divides each chatops group (or sum of groups) by its bare counterpart', () => {
    const chatops = { gateway: 0.54, notifier: 1.22, redis: 0.31, postgres: 0.56 };
    const bare = { 'bare route': 0.27, 'bare worker': 0.4, redis: 0.2, postgres: 0.2 };
    const result = ratios(chatops, bare, [
      {
        name: 'end to end',
        chatops: ['gateway', 'notifier', 'redis', 'postgres'],
        bare: ['bare route', 'bare worker', 'redis', 'postgres'],
      },
      { name: 'ingest', chatops: ['gateway'], bare: ['bare route'] },
      { name: 'PostgreSQL', chatops: ['postgres'], bare: ['postgres'] },
    ]);
    expect(result['end to end']).toBeCloseTo(2.63 / 1.07, 10);
    expect(result.ingest).toBe(2);
    expect(result.PostgreSQL).toBeCloseTo(2.8, 10);
  });
});

describe('highestRate', () => {
  const runs = [
    { rate: 200, busy: 70 },
    { rate: 400, busy: 99 },
    { rate: 600, busy: 140 },
  ];

  it('picks the highest rate that passes', () => {
    expect(highestRate(runs, (r) => r.busy <= 100)?.rate).toBe(400);
  });

  it('does not assume the rates come in order', () => {
    expect(highestRate([...runs].reverse(), (r) => r.busy <= 100)?.rate).toBe(400);
  });

  it('gives undefined when none passes', () => {
    expect(highestRate(runs, (r) => r.busy <= 50)).toBeUndefined();
  });
});
