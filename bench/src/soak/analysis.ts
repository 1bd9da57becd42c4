import { percentile, sortedCopy } from '../lib/stats';

/** One accepted event: when the try GitLab got a 2xx for was sent (s after the load started), and how long until its message reached Slack. */
export interface Accepted {
  t: number;
  /** Infinity: never delivered. */
  latencyMs: number;
}

/** A fault, in s after the load started: from the moment it hit to the moment the thing was back. */
export interface Span {
  name: string;
  startS: number;
  endS: number;
}

/** Jobs not finished in the queues at second `t` (null: Redis did not answer). */
export interface Backlog {
  t: number;
  total: number | null;
}

export interface WindowP99 {
  /** The window is (t − windowS, t]. */
  t: number;
  p99Ms: number;
  n: number;
}

export interface RecoveryOptions {
  /** Latency: the p99 of a sliding window must be at most this… */
  latencyMs: number;
  /** …and the queues hold at most this many jobs… */
  backlog: number;
  /** …with at least this many accepted events in the window (none accepted: not recovered)… */
  minPerWindow: number;
  /** …every second for this long. */
  holdS: number;
}

export const p99 = (values: number[]) => percentile(sortedCopy(values), 99);

/** The p99 latency of the events accepted in each sliding window of `windowS` s, one per second up to `untilS`. */
export function slidingP99(events: Accepted[], untilS: number, windowS = 5): WindowP99[] {
  const perSecond: number[][] = [];
  for (const e of events) {
    const s = Math.floor(e.t);
    if (s >= 0 && s < untilS) (perSecond[s] ??= []).push(e.latencyMs);
  }
  const out: WindowP99[] = [];
  for (let t = 1; t <= Math.floor(untilS); t++) {
    const window: number[] = [];
    for (let s = Math.max(0, t - windowS); s < t; s++) window.push(...(perSecond[s] ?? []));
    out.push({ t, p99Ms: window.length > 0 ? p99(window) : Number.NaN, n: window.length });
  }
  return out;
}

/**
 * Seconds after each fault ended until the pipeline was healthy again: the sliding-window p99
 * under `latencyMs` and the backlog under `backlog`, holding for `holdS` s, before the next fault
 * (or the end of the load). null: it never was.
 */
export function recoveries(
  faults: Span[],
  windows: WindowP99[],
  backlog: Backlog[],
  loadEndS: number,
  options: RecoveryOptions,
): (number | null)[] {
  const byT = new Map(windows.map((w) => [w.t, w]));
  const queued = new Map<number, number | null>();
  for (const b of backlog) queued.set(Math.round(b.t), b.total);
  const healthy = (t: number) => {
    const w = byT.get(t);
    // A sample may land a little off the second; null (Redis down) is a reading, not a gap.
    const near = [t, t - 1, t + 1].find((k) => queued.has(k));
    const q = near === undefined ? undefined : queued.get(near);
    return (
      w !== undefined &&
      w.n >= options.minPerWindow &&
      (w.n === 0 || w.p99Ms <= options.latencyMs) &&
      q !== undefined &&
      q !== null &&
      q <= options.backlog
    );
  };
  return faults.map((fault, i) => {
    const until = faults[i + 1]?.startS ?? loadEndS;
    for (let s = Math.ceil(fault.endS); s + options.holdS <= until; s++) {
      let ok = true;
      for (let k = s; k < s + options.holdS && ok; k++) ok = healthy(k);
      if (ok) return Math.max(0, s - fault.endS);
    }
    return null;
  });
}

/** Events accepted outside every fault and its recovery (a fault that never recovered covers up to the next one). */
export function outsideFaults(
  events: Accepted[],
  faults: Span[],
  recovered: (number | null)[],
  loadEndS: number,
): Accepted[] {
  const spans = faults.map((f, i) => ({
    from: f.startS,
    to: recovered[i] === null ? (faults[i + 1]?.startS ?? loadEndS) : f.endS + (recovered[i] ?? 0),
  }));
  return events.filter((e) => !spans.some((s) => e.t >= s.from && e.t < s.to));
}
