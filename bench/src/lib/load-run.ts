import { pgCounters } from './database';
import { scrape, stageBreakdown } from './metrics';
import { openLoop, type OpenLoopResult } from './open-loop';
import { type CpuReading, startCpuMeter } from './processes';
import { eventKey, newTag, WebhookFactory } from './payload';
import { queueBacklog, redisClient } from './redis';
import { Tally } from './slack';
import { type LoadTarget } from './stack';
import { percentile, round, sortedCopy, sleep } from './stats';

export interface LoadRunResult {
  rate: number;
  durationS: number;
  sent: number;
  accepted: number;
  statusCounts: Record<string, number>;
  /** Distinct events that arrived, late ones (after the drain window) included. */
  delivered: number;
  /** Accepted, never delivered, and no longer anywhere in the queues once they had emptied. */
  lost: number;
  /** Accepted, not delivered by the end of the drain window (late: they count in the latency as a lower bound). */
  stillQueued: number;
  /** Jobs still in the queues when the settle phase gave up (0 when every accepted event was accounted for). */
  queuedAfterSettle: number;
  /** Seconds from the end of the drain window until the queues were empty (or the settle phase gave up: see queuedAfterSettle). */
  settledS: number;
  duplicated: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Messages per second arriving at the fake Slack while the load ran (steady state after 20%). */
  deliveredPerSecond: number;
  /** Seconds from the first scheduled send until every request was answered (longer than durationS when the gateway fell behind). */
  answeredS: number;
  /** Seconds from the last answer until the last message arrived. */
  drainS: number;
  sendLagP99Ms: number;
  /** CPU per process group while the load was sent (% of one core). */
  cpuPercent: Record<string, number>;
  /** CPU per process group while the load was sent (the same window as cpuPercent, in CPU seconds too). */
  cpu: CpuReading;
  /**
   * CPU per process group from the first send until every accepted event had arrived (or the
   * drain window closed): all the work of the events delivered within the window, for CPU per event.
   */
  cpuToDrained: CpuReading;
  stages: Record<string, { meanMs: number; count: number }>;
  deliveryStatuses: Record<string, number>;
  /** PostgreSQL transactions and rows per delivered message, over the run (warm-up excluded). */
  postgresPerMessage: Record<string, number>;
}

/** A few events first, so JIT, connection pools and caches are warm before anything is measured. */
export async function warmUp(stack: LoadTarget, events = 200): Promise<void> {
  const tally = new Tally(newTag(), events);
  stack.slack.tally = tally;
  const factory = new WebhookFactory(stack.endpoints[0]!);
  await openLoop({
    url: stack.gateway.url,
    rate: 200,
    durationS: events / 200,
    build: (seq) => factory.build(eventKey(tally.tag, seq)),
  });
  const deadline = Date.now() + 30_000;
  while (tally.distinct < events && Date.now() < deadline) await sleep(50);
  stack.slack.tally = undefined;
}

/**
 * Latency percentiles cover every accepted event; one not delivered by the end of the drain
 * window counts with its wait until then (so p99 is a lower bound when events are missing).
 * Sends `rate` events/s for `durationS` open loop through the gateway, waits for the fake Slack to
 * receive them (bounded: stops once nothing arrived for `quietS`, or after `maxDrainS`), and
 * measures send-to-arrival latency; then waits (up to `settleMaxS`) for the queues to empty before
 * counting losses and duplicates.
 */
export async function loadRun(
  stack: LoadTarget,
  options: { rate: number; durationS: number; quietS?: number; maxDrainS?: number; settleMaxS?: number },
): Promise<LoadRunResult> {
  const { rate, durationS } = options;
  const total = Math.round(rate * durationS);
  const tally = new Tally(newTag(), total);
  stack.slack.tally = tally;
  const factories = stack.endpoints.map((e) => new WebhookFactory(e));
  const before = await Promise.all([scrape(stack.gatewayOpsUrl), ...stack.notifiers.map((n) => scrape(n.url))]);
  const pgBefore = await pgCounters(stack.database.name);
  const deliveredBefore = stack.slack.accepted;

  const meter = startCpuMeter(stack.pidGroups());
  const load = await openLoop({
    url: stack.gateway.url,
    rate,
    durationS,
    build: (seq) => factories[seq % factories.length]!.build(eventKey(tally.tag, seq)),
  });
  const sendsEnd = performance.now();
  const cpu = meter.read();
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
  const windowEnd = performance.now();
  const cpuToDrained = meter.read();
  // Latency and "still queued" close with the window, from the arrivals seen by then.
  const latencies: number[] = [];
  let undeliveredAtWindowEnd = 0;
  for (let seq = 0; seq < total; seq++) {
    if (load.status[seq] !== 202) continue;
    const arrived = tally.count[seq]! > 0 && tally.firstAt[seq]! <= windowEnd;
    // An event that had not arrived counts with the whole wait until the window closed: a lower bound.
    if (!arrived) undeliveredAtWindowEnd++;
    latencies.push((arrived ? tally.firstAt[seq]! : windowEnd) - load.scheduledAt[seq]!);
  }
  // Loss is judged only once the queues are empty: an event still queued at the window's end is
  // late, not lost. The tally stays attached meanwhile, so late arrivals and late duplicates count.
  const redis = redisClient();
  let queuedAfterSettle: number;
  let settledS: number;
  let after: Awaited<ReturnType<typeof scrape>>[];
  try {
    const backlog = () => queueBacklog(redis, stack.prefix, 'events', 'deliveries');
    const settleDeadline = performance.now() + (options.settleMaxS ?? 300) * 1000;
    queuedAfterSettle = await backlog();
    while (queuedAfterSettle > 0 && performance.now() < settleDeadline) {
      await sleep(500);
      queuedAfterSettle = await backlog();
    }
    settledS = round((performance.now() - windowEnd) / 1000);
    await sleep(1000); // late duplicates, and the posts of jobs that were finishing as the queues emptied
    after = await Promise.all([scrape(stack.gatewayOpsUrl), ...stack.notifiers.map((n) => scrape(n.url))]);
    // Read before the tally stops counting: an event delivered in between is then counted, not lost.
    queuedAfterSettle = await backlog();
  } finally {
    stack.slack.tally = undefined;
    redis.disconnect();
  }
  const pgAfter = await pgCounters(stack.database.name);
  const messages = Math.max(1, stack.slack.accepted - deliveredBefore);
  const sorted = sortedCopy(latencies);
  const statuses = await stack.database.db.delivery.groupBy({ by: ['status'], _count: { _all: true } });
  return {
    rate,
    durationS,
    sent: load.sent,
    accepted,
    statusCounts: load.statusCounts,
    delivered: tally.distinct,
    lost: Math.max(0, neverArrived(load, tally) - queuedAfterSettle),
    stillQueued: undeliveredAtWindowEnd,
    queuedAfterSettle,
    settledS,
    duplicated: tally.duplicates(),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1] ?? Number.NaN),
    deliveredPerSecond: round(steadyRate(tally.arrivals, load.scheduledAt[0] ?? 0, durationS)),
    answeredS: round(load.elapsedS),
    drainS: round(Math.max(0, ((tally.arrivals[tally.arrivals.length - 1] ?? sendsEnd) - sendsEnd) / 1000)),
    sendLagP99Ms: round(load.sendLagP99Ms),
    cpuPercent: cpu.cpuPercent,
    cpu,
    cpuToDrained,
    stages: stageBreakdown(
      [before[0]!, after[0]!],
      stack.notifiers.map((_, i) => [before[i + 1]!, after[i + 1]!]),
    ),
    deliveryStatuses: Object.fromEntries(statuses.map((s) => [s.status, s._count._all])),
    postgresPerMessage: Object.fromEntries(
      Object.entries(pgAfter).map(([k, v]) => [k, round((v - (pgBefore[k] ?? 0)) / messages, 1)]),
    ),
  };
}

/** Accepted events (202) that the fake Slack never received. */
function neverArrived(load: OpenLoopResult, tally: Tally): number {
  let n = 0;
  load.status.forEach((code, seq) => {
    if (code === 202 && tally.count[seq] === 0) n++;
  });
  return n;
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
