import { type Accepted, type Backlog, outsideFaults, recoveries, slidingP99 } from './analysis';

/** 100 events/s from 0 to `untilS`, 5 ms each, except `slow` (t → latency). */
function steady(untilS: number, slow: (t: number) => number | undefined = () => undefined): Accepted[] {
  const events: Accepted[] = [];
  for (let i = 0; i < untilS * 100; i++) {
    const t = i / 100;
    events.push({ t, latencyMs: slow(t) ?? 5 });
  }
  return events;
}

const quietBacklog = (untilS: number, busy: (t: number) => number | null = () => 0): Backlog[] =>
  Array.from({ length: untilS }, (_, t) => ({ t, total: busy(t) }));

const options = { latencyMs: 20, backlog: 10, minPerWindow: 100, holdS: 5 };

describe('slidingP99', () => {
  it('gives each second the p99 of the events accepted in the 5 s before it', () => {
    const windows = slidingP99(
      steady(20, (t) => (t >= 10 && t < 11 ? 1000 : undefined)),
      20,
    );
    expect(windows.find((w) => w.t === 10)).toEqual({ t: 10, p99Ms: 5, n: 500 });
    // One slow second of five is 20 % of the window: its p99 is slow until that second leaves it.
    expect(windows.find((w) => w.t === 11)?.p99Ms).toBe(1000);
    expect(windows.find((w) => w.t === 15)?.p99Ms).toBe(1000);
    expect(windows.find((w) => w.t === 16)?.p99Ms).toBe(5);
  });
});

describe('recoveries', () => {
  it('counts from the end of the fault until every window is fast and the queues are short for holdS', () => {
    // Down from 10 to 15 s; events accepted until 25 s are slow; the queues drain by 22 s.
    const events = steady(60, (t) => (t >= 10 && t < 25 ? 1000 : undefined));
    const backlog = quietBacklog(60, (t) => (t >= 10 && t < 22 ? 500 : 0));
    const spans = [{ name: 'x', startS: 10, endS: 15 }];
    // The first window without slow events is (25, 30]: healthy from 30 s on, 15 s after the fault ended.
    expect(recoveries(spans, slidingP99(events, 60), backlog, 60, options)).toEqual([15]);
  });

  it('waits for the backlog as well as the latency', () => {
    const events = steady(60, (t) => (t >= 10 && t < 15 ? 1000 : undefined));
    const backlog = quietBacklog(60, (t) => (t >= 10 && t < 40 ? 500 : 0));
    expect(recoveries([{ name: 'x', startS: 10, endS: 15 }], slidingP99(events, 60), backlog, 60, options)).toEqual([
      25,
    ]);
  });

  it('is not recovered while nothing is accepted, nor while Redis does not answer', () => {
    const events = steady(60).filter((e) => e.t < 10 || e.t >= 20); // the gateway refused everything 10–20 s
    const backlog = quietBacklog(60, (t) => (t >= 10 && t < 23 ? null : 0));
    // Accepted events fill a window from 21 s on, Redis answers from 23 s: 11 s after the fault ended.
    expect(recoveries([{ name: 'x', startS: 10, endS: 12 }], slidingP99(events, 60), backlog, 60, options)).toEqual([
      11,
    ]);
  });

  it('gives null for a fault that never recovered before the next one', () => {
    const events = steady(60, (t) => (t >= 10 ? 1000 : undefined));
    const spans = [
      { name: 'a', startS: 10, endS: 12 },
      { name: 'b', startS: 40, endS: 42 },
    ];
    expect(recoveries(spans, slidingP99(events, 60), quietBacklog(60), 60, options)).toEqual([null, null]);
  });
});

describe('outsideFaults', () => {
  it('leaves out each fault and its recovery, and up to the next fault for one that never recovered', () => {
    const events = [0, 10, 14, 16, 20, 30, 45, 55].map((t) => ({ t, latencyMs: 1 }));
    const spans = [
      { name: 'a', startS: 10, endS: 12 },
      { name: 'b', startS: 30, endS: 35 },
    ];
    expect(outsideFaults(events, spans, [3, null], 50).map((e) => e.t)).toEqual([0, 16, 20, 55]);
  });
});
