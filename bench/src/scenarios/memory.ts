import { benchEnv } from '../lib/config';
import { loadRun } from '../lib/load-run';
import { rssMb } from '../lib/processes';
import { keyCensus, redisClient, usedMemory } from '../lib/redis';
import { metric } from '../lib/results';
import { startStack } from '../lib/stack';
import { round, sleep } from '../lib/stats';
import { log, type Scenario } from './scenario';

const RATE = 2000;
/** The gateway remembers Idempotency-Keys this long; the default (24 h) would hold them past the bench. */
const DEDUPE_TTL_S = 30;
const MB = 1024 * 1024;
/** Bounded wait for the backlog to drain before the "after" reading. */
const MAX_DRAIN_S = 120;

interface Run {
  idleMb: Record<string, number>;
  peakMb: Record<string, number>;
  afterMb: Record<string, number>;
  redisBeforeMb: number;
  redisPeakMb: number;
  redisAfterMb: number;
  /** Keys left under the run's prefix after the drain and the dedupe TTL, by kind. */
  keysAfter: Record<string, number>;
  delivered: number;
  accepted: number;
  /** Jobs still in the queues when the load run stopped waiting for them to empty. */
  stillQueued: number;
  p99Ms: number;
}

async function once(): Promise<Run> {
  const stack = await startStack({
    label: 'memory',
    notifiers: 1,
    gatewayEnv: { WEBHOOK_DEDUPE_TTL_SECONDS: String(DEDUPE_TTL_S) },
  });
  const redis = redisClient();
  try {
    const services = { gateway: stack.gateway.pid, notifier: stack.notifiers[0]!.pid };
    const rss = () => Object.fromEntries(Object.entries(services).map(([name, pid]) => [name, round(rssMb(pid), 1)]));
    await sleep(3000);
    const idleMb = rss();
    const redisBefore = await usedMemory(redis);
    const peakMb: Record<string, number> = { ...idleMb };
    let redisPeak = redisBefore;
    let lastSample = 0;
    const sample = () => {
      if (Date.now() - lastSample < 500) return;
      lastSample = Date.now();
      for (const [name, mb] of Object.entries(rss())) peakMb[name] = Math.max(peakMb[name] ?? 0, mb);
      void usedMemory(redis).then(
        (bytes) => (redisPeak = Math.max(redisPeak, bytes)),
        () => undefined,
      );
    };
    const timer = setInterval(sample, 500);
    const load = await loadRun(stack, {
      rate: RATE,
      durationS: benchEnv.memoryDurationS,
      maxDrainS: MAX_DRAIN_S,
    }).finally(() => clearInterval(timer));
    // Completed jobs expire after 60 s (kept at most 1,000 per queue), dedupe keys after DEDUPE_TTL_S.
    await sleep((DEDUPE_TTL_S + 5) * 1000);
    const redisAfter = await usedMemory(redis);
    return {
      idleMb,
      peakMb,
      afterMb: rss(),
      redisBeforeMb: round(redisBefore / MB),
      redisPeakMb: round(redisPeak / MB),
      redisAfterMb: round(redisAfter / MB),
      keysAfter: await keyCensus(redis, stack.prefix),
      delivered: load.delivered,
      accepted: load.accepted,
      stillQueued: load.queuedAfterSettle,
      p99Ms: load.p99Ms,
    };
  } finally {
    redis.disconnect();
    await stack.close();
  }
}

export const memory: Scenario = {
  name: 'memory',
  title: `Memory: RSS idle and at ${RATE.toLocaleString('en-US')} events/s, Redis before/peak/after`,
  async run() {
    const runs: Run[] = [];
    for (let i = 0; i < benchEnv.runs; i++) {
      const r = await once();
      log(
        'memory',
        `run ${i + 1}: queued ${r.stillQueued}, idle ${JSON.stringify(r.idleMb)} peak ${JSON.stringify(r.peakMb)} MB; redis ${r.redisBeforeMb} → ${r.redisPeakMb} → ${r.redisAfterMb} MB; left ${JSON.stringify(r.keysAfter)}`,
      );
      runs.push(r);
    }
    const pick = (f: (r: Run) => number) => runs.map(f);
    return {
      config: {
        rate: RATE,
        durationS: benchEnv.memoryDurationS,
        maxDrainS: MAX_DRAIN_S,
        WEBHOOK_DEDUPE_TTL_SECONDS: DEDUPE_TTL_S,
        afterMeasuredS: `${DEDUPE_TTL_S + 5} s after the last message arrived`,
        rss: '/proc/<pid>/status VmRSS, sampled every 500 ms',
        redis: 'INFO memory used_memory (whole server)',
      },
      metrics: [
        metric(
          'gateway RSS idle',
          'MB',
          pick((r) => r.idleMb.gateway ?? 0),
          { op: '<=', value: 100 },
        ),
        metric(
          'notifier RSS idle',
          'MB',
          pick((r) => r.idleMb.notifier ?? 0),
          { op: '<=', value: 100 },
        ),
        metric(
          `gateway RSS peak at ${RATE}/s`,
          'MB',
          pick((r) => r.peakMb.gateway ?? 0),
          { op: '<=', value: 200 },
        ),
        metric(
          `notifier RSS peak at ${RATE}/s`,
          'MB',
          pick((r) => r.peakMb.notifier ?? 0),
          { op: '<=', value: 200 },
        ),
        metric(
          'Redis used_memory before',
          'MB',
          pick((r) => r.redisBeforeMb),
        ),
        metric(
          'Redis used_memory peak',
          'MB',
          pick((r) => r.redisPeakMb),
        ),
        metric(
          'Redis used_memory after the drain',
          'MB',
          pick((r) => r.redisAfterMb),
        ),
        metric(
          'Redis after − before',
          'MB',
          pick((r) => r.redisAfterMb - r.redisBeforeMb),
          { op: '<=', value: 1 },
        ),
        metric(
          'delivered of accepted',
          '%',
          pick((r) => (r.delivered / Math.max(1, r.accepted)) * 100),
        ),
        metric(
          'events still queued when "after" was read',
          '',
          pick((r) => r.stillQueued),
        ),
      ],
      notes: runs.map(
        (r, i) =>
          `run ${i + 1}: keys left under the run's prefix after the drain: ${
            Object.entries(r.keysAfter)
              .map(([k, n]) => `${k} ${n}`)
              .join(', ') || 'none'
          }${r.stillQueued > 0 ? ` (${r.stillQueued} events still queued: the drain did not finish within ${MAX_DRAIN_S} s)` : ''}.`,
      ),
      runs,
    };
  },
};
