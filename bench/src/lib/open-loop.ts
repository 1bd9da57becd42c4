import { Agent } from 'node:http';
import { postHook } from './post-hook';
import { percentile, sortedCopy } from './stats';
import { type Webhook } from './payload';

export interface OpenLoopOptions {
  /** Base URL of the gateway, e.g. http://127.0.0.1:4000 */
  url: string;
  rate: number;
  durationS: number;
  build(seq: number): Webhook;
}

export interface OpenLoopResult {
  sent: number;
  /** When each event was due (performance.now() ms): latency is measured from here. */
  scheduledAt: Float64Array;
  /** When each answer (or network error) was complete (performance.now() ms). */
  answeredAt: Float64Array;
  /** HTTP status per event (0: no answer, network error). */
  status: Uint16Array;
  statusCounts: Record<string, number>;
  /** How late the generator actually sent, vs the schedule (ms): its own accuracy. */
  sendLagP99Ms: number;
  sendLagMaxMs: number;
  elapsedS: number;
}

/**
 * Open-loop load: event i is due at start + i/rate and is sent then, whether or not earlier
 * requests were answered (no coordinated omission: a slow gateway does not slow the schedule).
 */
export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const total = Math.round(options.rate * options.durationS);
  const target = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const scheduledAt = new Float64Array(total);
  const lag = new Float64Array(total);
  const status = new Uint16Array(total);
  const answeredAt = new Float64Array(total);
  const interval = 1000 / options.rate;
  let sent = 0;
  let answered = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((r) => (done = r));
  const answer = (seq: number, code: number) => {
    answeredAt[seq] = performance.now();
    status[seq] = code;
    if (++answered === total) done();
  };

  const send = (seq: number, now: number) => {
    const hook = options.build(seq);
    lag[seq] = now - scheduledAt[seq]!;
    postHook(agent, target, hook, 30_000, (code) => answer(seq, code));
  };

  const start = performance.now() + 5;
  for (let i = 0; i < total; i++) scheduledAt[i] = start + i * interval;
  await new Promise<void>((resolveAll) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && scheduledAt[sent]! <= now) send(sent++, now);
      if (sent < total) setTimeout(tick, Math.max(0, Math.min(1, scheduledAt[sent]! - performance.now())));
      else resolveAll();
    };
    setTimeout(tick, 5);
  });
  if (total === 0) done();
  await finished;
  const elapsedS = (performance.now() - start) / 1000;
  agent.destroy();
  const statusCounts: Record<string, number> = {};
  for (const code of status) statusCounts[code] = (statusCounts[code] ?? 0) + 1;
  const sortedLag = sortedCopy(lag);
  return {
    sent,
    scheduledAt,
    answeredAt,
    status,
    statusCounts,
    sendLagP99Ms: percentile(sortedLag, 99),
    sendLagMaxMs: sortedLag[sortedLag.length - 1] ?? 0,
    elapsedS,
  };
}
