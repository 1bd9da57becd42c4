import { pgCounters } from './database';
import { scrape, stageBreakdown } from './metrics';
import { openLoop, type OpenLoopResult } from './open-loop';
import { cpuDuring } from './processes';
import { eventKey, newTag, WebhookFactory } from './payload';
import { queueBacklog, redisClient } from './redis';
import { Tally } from './slack';
import { type Stack } from './stack';
import { percentile, round, sortedCopy, sleep } from './stats';

export interface LoadRunResult {
  rate: number;
  durationS: number;
  sent: number;
  accepted: number;
  statusCounts: Record<string, number>;
  delivered: number;
  /** Accepted, not delivered, and no longer anywhere in the queues. */
  lost: number;
  /** Accepted, not delivered by the end of the drain window, still queued (events or deliveries). */
  stillQueued: number;
  duplicated: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Messages per second arriving at the fake Slack while the load ran (steady state after 20%). */
  deliveredPerSecond: number;
  /** Seconds from the last send until the last message arrived. */
  drainS: number;
  sendLagP99Ms: number;
  cpuPercent: Record<string, number>;
  stages: Record<string, { meanMs: number; count: number }>;
  deliveryStatuses: Record<string, number>;
  /** PostgreSQL transactions and rows per delivered message, over the run (warm-up excluded). */
  postgresPerMessage: Record<string, number>;
}

/** A few events first, so JIT, connection pools and caches are warm before anything is measured. */
export async function warmUp(stack: Stack, events = 200): Promise<void> {
  const tally = new Tally(newTag(), events);
  stack.slack.tally = tally;
  const factory = new WebhookFactory(stack.endpoints[0]!);
  await openLoop({ url: stack.gateway.url, rate: 200, durationS: events / 200, build: (seq) => factory.build(eventKey(tally.tag, seq)) });
  const deadline = Date.now() + 30_000;
  while (tally.distinct < events && Date.now() < deadline) await sleep(50);
  stack.slack.tally = undefined;
}

/**
 * Latency percentiles cover every accepted event; one not delivered by the end of the drain
 * window counts with its wait until then (so p99 is a lower bound when events are missing).
 * Sends `rate` events/s for `durationS` open loop through the gateway, waits for the fake Slack to
 * receive them (bounded: stops once nothing arrived for `quietS`, or after `maxDrainS`), and
 * measures send-to-arrival latency, losses and duplicates.
 */
export async function loadRun(stack: Stack, options: { rate: number; durationS: number; quietS?: number; maxDrainS?: number }): Promise<LoadRunResult> {
  const { rate, durationS } = options;
  const total = Math.round(rate * durationS);
  const tally = new Tally(newTag(), total);
  stack.slack.tally = tally;
  const factories = stack.endpoints.map((e) => new WebhookFactory(e));
  const before = await Promise.all([scrape(stack.gateway.url), ...stack.notifiers.map((n) => scrape(n.url))]);
  const pgBefore = await pgCounters(stack.database.name);
  const deliveredBefore = stack.slack.accepted;

  let sendsEnd = 0;
  const { result: load, cpuPercent } = await cpuDuring(stack.pidGroups(), async () => {
    const result = await openLoop({ url: stack.gateway.url, rate, durationS, build: (seq) => factories[seq % factories.length]!.build(eventKey(tally.tag, seq)) });
    sendsEnd = performance.now();
    return result;
  });
  const accepted = countAccepted(load);
  // Drain: until every accepted event arrived, nothing arrived for quietS, or maxDrainS passed.
  const quietMs = (options.quietS ?? 10) * 1000;
  const deadline = performance.now() + (options.maxDrainS ?? 30) * 1000;
  let lastDistinct = -1;
  let lastChange = performance.now();
  while (tally.distinct < accepted && performance.now() < deadline && performance.now() - lastChange < quietMs) {
    if (tally.distinct !== lastDistinct) [lastDistinct, lastChange] = [tally.distinct, performance.now()];
    await sleep(100);
  }
  await sleep(1000); // late duplicates
  const windowEnd = performance.now();
  const after = await Promise.all([scrape(stack.gateway.url), ...stack.notifiers.map((n) => scrape(n.url))]);
  stack.slack.tally = undefined;
  const redis = redisClient();
  const queued = await Promise.all([queueBacklog(redis, stack.prefix, 'events'), queueBacklog(redis, stack.prefix, 'deliveries')]).finally(() => redis.disconnect());
  const pgAfter = await pgCounters(stack.database.name);
  const messages = Math.max(1, stack.slack.accepted - deliveredBefore);

  const latencies: number[] = [];
  let undelivered = 0;
  for (let seq = 0; seq < total; seq++) {
    if (load.status[seq] !== 202) continue;
    // An event that never arrived counts with the whole wait until the window closed: a lower bound.
    if (tally.count[seq] === 0) undelivered++;
    latencies.push((tally.count[seq] === 0 ? windowEnd : tally.firstAt[seq]!) - load.scheduledAt[seq]!);
  }
  const sorted = sortedCopy(latencies);
  const statuses = await stack.database.db.delivery.groupBy({ by: ['status'], _count: { _all: true } });
  return {
    rate,
    durationS,
    sent: load.sent,
    accepted,
    statusCounts: load.statusCounts,
    delivered: tally.distinct,
    lost: Math.max(0, undelivered - queued[0] - queued[1]),
    stillQueued: Math.min(undelivered, queued[0] + queued[1]),
    duplicated: tally.duplicates(),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1] ?? Number.NaN),
    deliveredPerSecond: round(steadyRate(tally.arrivals, load.scheduledAt[0] ?? 0, durationS)),
    drainS: round(Math.max(0, ((tally.arrivals[tally.arrivals.length - 1] ?? sendsEnd) - sendsEnd) / 1000)),
    sendLagP99Ms: round(load.sendLagP99Ms),
    cpuPercent,
    stages: stageBreakdown([before[0]!, after[0]!], stack.notifiers.map((_, i) => [before[i + 1]!, after[i + 1]!])),
    deliveryStatuses: Object.fromEntries(statuses.map((s) => [s.status, s._count._all])),
    postgresPerMessage: Object.fromEntries(Object.entries(pgAfter).map(([k, v]) => [k, round((v - (pgBefore[k] ?? 0)) / messages, 1)])),
  };
}

function countAccepted(load: OpenLoopResult): number {
  let n = 0;
  for (const code of load.status) if (code === 202) n++;
  return n;
}

/** Arrivals per second between 20% and 100% of the load window (skips the ramp-up). */
function steadyRate(arrivals: number[], start: number, durationS: number): number {
  const from = start + durationS * 200;
  const to = start + durationS * 1000;
  let n = 0;
  for (const at of arrivals) if (at >= from && at < to) n++;
  return n / (durationS * 0.8);
}
