import { BARE_ROUTE, BARE_WORKER, startBareStack } from '../lib/bare-stack';
import { capacityCheck, type CheckResult } from '../lib/capacity-check';
import { flatCost, keptUp, predictionError, type StorageCosts } from '../lib/capacity-model';
import { benchEnv } from '../lib/config';
import { memoryOf, memoryPeaks, storageCosts } from '../lib/footprint';
import { loadRun, warmUp } from '../lib/load-run';
import {
  type Counterpart,
  cpuMsPerEvent,
  HALF_BUSY_PERCENT,
  highestRate,
  perEventMetric,
  ratios,
  sumOf,
} from '../lib/per-event';
import { metric, type Metric } from '../lib/results';
import { runOwn } from '../lib/processes';
import { SATURATED_NOTIFIERS, type SaturatedRun, saturate } from '../lib/saturated-run';
import { type LoadTarget, startStack } from '../lib/stack';
import { median, round, sleep } from '../lib/stats';
import { log, type Scenario } from './scenario';

type Side = 'chatops' | 'bare';
/** 10 s at warmUp's 200/s, for both sides. */
const WARM_UP_EVENTS = 2000;
const SIDES: Side[] = ['chatops', 'bare'];
const BENCH = 'bench (load + fake Slack)';
/** The machine less other work: every process the run started, load generator and fake Slack included. */
const EVERYTHING = 'everything the run started';
/** The process doing each job on each side. */
const ROLE = { chatops: { ingest: 'gateway', worker: 'notifier' }, bare: { ingest: BARE_ROUTE, worker: BARE_WORKER } };
/** End to end: the services, Redis and PostgreSQL; the load generator and the fake Slack are reported apart. */
const endToEnd = (side: Side) => [ROLE[side].ingest, ROLE[side].worker, 'redis', 'postgres'];
const COUNTERPARTS: Counterpart[] = [
  { name: 'end to end', chatops: endToEnd('chatops'), bare: endToEnd('bare') },
  { name: 'gateway ÷ bare route', chatops: ['gateway'], bare: [BARE_ROUTE] },
  { name: 'notifier ÷ bare worker', chatops: ['notifier'], bare: [BARE_WORKER] },
  { name: 'Redis', chatops: ['redis'], bare: ['redis'] },
  { name: 'PostgreSQL', chatops: ['postgres'], bare: ['postgres'] },
];

interface RateRun {
  rate: number;
  sent: number;
  accepted: number;
  /** Events delivered within the drain window: CPU per event divides by these. */
  events: number;
  stillQueued: number;
  drainS: number;
  lost: number;
  duplicated: number;
  /** CPU-ms per delivered event, per group (with `other processes` and `machine total`). */
  cpuMs: Record<string, number>;
  endToEndMs: number;
  /** % of one core over the load and its drain: the run's own processes (the machine less others), and the machine. */
  busyPercent: number;
  machinePercent: number;
  cpuPercent: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
  deliveredPerSecond: number;
  peakMb: Record<string, number>;
}

interface SideRun {
  side: Side;
  idleMb: Record<string, number>;
  rates: RateRun[];
  saturated?: SaturatedRun;
  storage?: StorageCosts;
}

async function measureSide(side: Side): Promise<SideRun> {
  const stack = side === 'chatops' ? await startStack({ label: 'cpu', notifiers: 1 }) : undefined;
  const world: LoadTarget = stack ?? (await startBareStack('cpu-bare'));
  try {
    await sleep(3000);
    const idleMb = memoryOf(world.pidGroups());
    // Long enough for V8 to have optimised the hot paths: the first rate measured after a short
    // warm-up paid for the compiler in its CPU and its p99 (docs/benchmarks.md, findings 2026-12-07).
    await warmUp(world, WARM_UP_EVENTS);
    const rates: RateRun[] = [];
    for (const rate of benchEnv.cpuRates) {
      const memory = memoryPeaks(world.pidGroups());
      const r = await loadRun(world, { rate, durationS: benchEnv.durationS, maxDrainS: benchEnv.maxDrainS });
      const peakMb = await memory.stop();
      const events = r.accepted - r.stillQueued;
      const cpuMs = cpuMsPerEvent(r.cpuToDrained.cpuSeconds, events);
      const { cpuPercent } = r.cpuToDrained;
      const run: RateRun = {
        rate,
        sent: r.sent,
        accepted: r.accepted,
        events,
        stillQueued: r.stillQueued,
        drainS: r.drainS,
        lost: r.lost,
        duplicated: r.duplicated,
        cpuMs: Object.fromEntries(Object.entries(cpuMs).map(([k, v]) => [k, round(v, 3)])),
        endToEndMs: round(sumOf(cpuMs, endToEnd(side)), 3),
        busyPercent: runOwn(cpuPercent),
        machinePercent: cpuPercent['machine total'] ?? 0,
        cpuPercent,
        p50Ms: r.p50Ms,
        p99Ms: r.p99Ms,
        deliveredPerSecond: r.deliveredPerSecond,
        peakMb,
      };
      log(
        'cpu-per-event',
        `${side} ${rate}/s: ${run.endToEndMs} CPU-ms per event end to end ${JSON.stringify(run.cpuMs)}; p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms; delivered ${events}/${r.accepted} in the window; busy ${run.busyPercent} % (machine ${run.machinePercent} %)`,
      );
      rates.push(run);
      await sleep(1000);
    }
    // chatops only; storage last: it stops the notifier to let a backlog form.
    const saturated = stack ? await saturate(stack, WARM_UP_EVENTS) : undefined;
    if (saturated)
      log(
        'cpu-per-event',
        `chatops saturated (${SATURATED_NOTIFIERS} notifiers, ${saturated.offered}/s offered for ${benchEnv.saturateS} s): ${saturated.deliveredPerSecond}/s delivered over load and drain (answered in ${saturated.answeredS} s, drained ${saturated.drainS} s later)${saturated.backlogged ? '' : ', and it kept up: no backlog formed'}; CPU-ms per event ${JSON.stringify(saturated.cpuMs)}`,
      );
    const storage = stack ? await storageCosts(stack) : undefined;
    return { side, idleMb, rates, ...(saturated ? { saturated } : {}), ...(storage ? { storage } : {}) };
  } finally {
    await world.close();
  }
}

/** One run: both sides, the order alternating between runs so drift favours neither. */
async function oneRun(index: number): Promise<Record<Side, SideRun>> {
  const order: Side[] = index % 2 === 0 ? ['chatops', 'bare'] : ['bare', 'chatops'];
  const out: Partial<Record<Side, SideRun>> = {};
  for (const side of order) out[side] = await measureSide(side);
  return out as Record<Side, SideRun>;
}

const at = (side: SideRun, rate: number) => side.rates.find((r) => r.rate === rate)!;

function cpuMetrics(runs: Record<Side, SideRun>[]): Metric[] {
  const metrics: Metric[] = [];
  for (const rate of benchEnv.cpuRates) {
    for (const side of SIDES) {
      const values = (f: (r: RateRun) => number) => runs.map((run) => f(at(run[side], rate)));
      metrics.push(
        metric(
          `${rate}/s ${side}: CPU per event, end to end (services + Redis + PostgreSQL)`,
          'ms',
          values((r) => r.endToEndMs),
        ),
        ...[...endToEnd(side), BENCH].map((group) =>
          metric(
            perEventMetric.cpu(rate, side, group),
            'ms',
            values((r) => r.cpuMs[group] ?? Number.NaN),
          ),
        ),
        metric(
          `${rate}/s ${side}: p50 latency`,
          'ms',
          values((r) => r.p50Ms),
        ),
        metric(
          `${rate}/s ${side}: p99 latency`,
          'ms',
          values((r) => r.p99Ms),
        ),
        metric(
          `${rate}/s ${side}: CPU of the run's processes`,
          '% of a core',
          values((r) => r.busyPercent),
        ),
        metric(
          `${rate}/s ${side}: machine CPU (everything)`,
          '% of a core',
          values((r) => r.machinePercent),
        ),
        metric(
          `${rate}/s ${side}: lost + duplicated`,
          '',
          values((r) => r.lost + r.duplicated),
          { op: '<=', value: 0, rule: 'every' },
        ),
      );
    }
    const ratioRuns = runs.map((run) => ratios(at(run.chatops, rate).cpuMs, at(run.bare, rate).cpuMs, COUNTERPARTS));
    for (const c of COUNTERPARTS)
      metrics.push(
        metric(
          `${rate}/s chatops ÷ bare, CPU per event: ${c.name}`,
          '×',
          ratioRuns.map((r) => r[c.name] ?? Number.NaN),
          c.name === 'end to end' ? { op: '<=', value: 2 } : undefined,
        ),
      );
  }
  // Per run: the highest rate whose chatops run kept up with its processes within one core, and its p99.
  const halfBusy = runs.map((run) =>
    highestRate(run.chatops.rates, (r) => r.busyPercent <= HALF_BUSY_PERCENT && keptUp(r, r.rate, benchEnv.durationS)),
  );
  const held = halfBusy.filter((r) => r !== undefined);
  metrics.push(
    metric(
      `chatops: highest rate tried keeping up with the run's processes ≤ ${HALF_BUSY_PERCENT} % of a core`,
      '/s',
      halfBusy.map((r) => r?.rate ?? 0),
    ),
    metric('chatops: p99 latency at that rate', 'ms', held.length > 0 ? held.map((r) => r.p99Ms) : [Number.NaN], {
      op: '<=',
      value: 20,
    }),
  );
  return metrics;
}

function memoryMetrics(runs: Record<Side, SideRun>[]): Metric[] {
  const top = Math.max(...benchEnv.cpuRates);
  const metrics: Metric[] = [];
  const services = (side: Side) => [ROLE[side].ingest, ROLE[side].worker];
  for (const side of SIDES) {
    for (const group of [...endToEnd(side), 'redis used_memory']) {
      if (group !== 'redis used_memory')
        metrics.push(
          metric(
            perEventMetric.idleMemory(side, group),
            'MB',
            runs.map((r) => r[side].idleMb[group] ?? Number.NaN),
          ),
        );
      metrics.push(
        metric(
          perEventMetric.peakMemory(top, side, group),
          'MB',
          runs.map((r) => at(r[side], top).peakMb[group] ?? Number.NaN),
        ),
      );
    }
  }
  const sum = (values: Record<string, number>, groups: string[]) =>
    groups.reduce((s, g) => s + (values[g] ?? Number.NaN), 0);
  metrics.push(
    metric(
      "chatops ÷ bare: the two services' memory, idle",
      '×',
      runs.map((r) => sum(r.chatops.idleMb, services('chatops')) / sum(r.bare.idleMb, services('bare'))),
    ),
    metric(
      `chatops ÷ bare: the two services' memory, peak at ${top}/s`,
      '×',
      runs.map(
        (r) => sum(at(r.chatops, top).peakMb, services('chatops')) / sum(at(r.bare, top).peakMb, services('bare')),
      ),
    ),
  );
  const storage = runs.map((r) => r.chatops.storage).filter((s) => s !== undefined);
  metrics.push(
    metric(
      perEventMetric.redisBytesPerQueuedEvent,
      'B',
      storage.map((s) => s.redisBytesPerQueuedEvent),
    ),
    metric(
      perEventMetric.redisBytesPerDedupeKey,
      'B',
      storage.map((s) => s.redisBytesPerDedupeKey),
    ),
    metric(
      perEventMetric.postgresBytesPerEvent,
      'B',
      storage.map((s) => s.postgresBytesPerEvent),
    ),
  );
  return metrics;
}

/** The saturated runs that took place (chatops only). */
const saturatedRuns = (runs: Record<Side, SideRun>[]): SaturatedRun[] =>
  runs.map((r) => r.chatops.saturated).filter((s) => s !== undefined);

/** The saturated runs' figures: what the capacity check predicts from. */
function saturatedMetrics(runs: Record<Side, SideRun>[]): Metric[] {
  const saturated = saturatedRuns(runs);
  if (saturated.length === 0) return [];
  return [
    metric(
      perEventMetric.saturatedRate,
      '/s',
      saturated.map((s) => s.deliveredPerSecond),
    ),
    ...[...endToEnd('chatops'), BENCH, EVERYTHING].map((group) =>
      metric(
        perEventMetric.saturatedCpu(group),
        'ms',
        saturated.map((s) => (group === EVERYTHING ? runOwn(s.cpuMs) : (s.cpuMs[group] ?? Number.NaN))),
      ),
    ),
  ];
}

/**
 * The capacity check, predicted from the medians of the saturated runs: a process at its
 * capacity has a backlog, so its CPU per event is the one with a backlog, not the light-load curve.
 */
async function check(runs: Record<Side, SideRun>[]): Promise<CheckResult[]> {
  const saturated = saturatedRuns(runs);
  const cost = (f: (s: SaturatedRun) => number) => flatCost(median(saturated.map(f)));
  const costs = {
    gateway: cost((s) => s.cpuMs.gateway ?? Number.NaN),
    notifier: cost((s) => s.cpuMs.notifier ?? Number.NaN),
    machine: cost((s) => runOwn(s.cpuMs)),
    othersCores: median(saturated.map((s) => s.cpuPercent['other processes'] ?? 0)) / 100,
  };
  log('cpu-per-event', `capacity check from ${JSON.stringify(costs)} (CPU-ms per event with a backlog)`);
  const results: CheckResult[] = [];
  for (let i = 0; i < benchEnv.runs; i++) {
    const result = await capacityCheck(costs, benchEnv.capacityStepS, (s) =>
      log(
        'cpu-per-event',
        `capacity check run ${i + 1}: ${s.rate}/s ${s.keptUp ? 'kept up' : 'fell behind'} (${s.deliveredPerSecond}/s delivered, drain ${s.drainS} s, p99 ${s.p99Ms} ms), cpu ${JSON.stringify(s.cpuPercent)}`,
      ),
    );
    log(
      'cpu-per-event',
      `capacity check run ${i + 1}: predicted ${result.prediction.rate}/s (${result.prediction.bottleneck}), measured ${result.measured}/s`,
    );
    results.push(result);
  }
  return results;
}

function checkMetrics(results: CheckResult[]): Metric[] {
  return [
    metric(
      'capacity check: predicted rate (with the room other work left during the check)',
      '/s',
      results.map((r) => r.predictionDuringCheck.rate),
    ),
    metric(
      'capacity check: highest step that kept up',
      '/s',
      results.map((r) => r.measured),
    ),
    metric(
      'capacity check: |measured − predicted| ÷ predicted',
      '%',
      results.map((r) => predictionError(r.measured, r.predictionDuringCheck.rate) * 100),
      { op: '<=', value: 25 },
    ),
  ];
}

function notes(runs: Record<Side, SideRun>[], checks: CheckResult[]): string[] {
  const out: string[] = [];
  for (const rate of benchEnv.cpuRates)
    for (const side of SIDES) {
      const sorted = runs.map((r) => at(r[side], rate)).sort((a, b) => a.endToEndMs - b.endToEndMs);
      const r = sorted[Math.floor(sorted.length / 2)]!;
      out.push(
        `${rate}/s ${side} (median run): ${r.events} of ${r.accepted} accepted events delivered within the window, ${r.deliveredPerSecond}/s steady state; CPU (% of one core, over the load and its drain): ${Object.entries(
          r.cpuPercent,
        )
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}.`,
      );
    }
  for (const [i, r] of runs.entries()) {
    const s = r.chatops.saturated;
    if (s)
      out.push(
        `Saturated run ${i + 1}: ${s.offered}/s offered, ${s.deliveredPerSecond}/s delivered over the load and its drain${s.backlogged ? '' : ' (it kept up: no backlog formed, so these are not capacity figures)'}; CPU (% of one core): ${Object.entries(
          s.cpuPercent,
        )
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}.`,
      );
  }
  for (const [i, c] of checks.entries()) {
    const steps = c.steps
      .map((s) => `${s.rate}/s ${s.keptUp ? 'kept up' : `fell behind (${s.deliveredPerSecond}/s delivered)`}`)
      .join(', ');
    const p = c.predictionDuringCheck;
    out.push(
      `Capacity check run ${i + 1}: predicted ${p.rate}/s, bound by ${p.bottleneck} (bounds: ${Object.entries(p.bounds)
        .map(([k, v]) => `${k} ${v}/s`)
        .join(', ')}; ${c.prediction.rate}/s with the room other work left during the saturated runs); steps: ${steps}${
        c.steps.every((s) => s.keptUp) ? ' (every step kept up: the measured rate is a lower bound)' : ''
      }.`,
    );
  }
  return out;
}

export const cpuPerEvent: Scenario = {
  name: 'cpu-per-event',
  title: 'CPU per delivered event: chatops against the bare pipeline (open loop), and the capacity model checked',
  async run() {
    const runs: Record<Side, SideRun>[] = [];
    for (let i = 0; i < benchEnv.runs; i++) runs.push(await oneRun(i));
    const checks = benchEnv.capacityCheck ? await check(runs) : [];
    return {
      config: {
        rates: benchEnv.cpuRates,
        durationS: benchEnv.durationS,
        maxDrainS: benchEnv.maxDrainS,
        concurrency: benchEnv.deliveryConcurrency,
        chatops: 'one gateway and one notifier (startStack: deployment defaults except pacing, off: one bench channel)',
        bare: 'bench/src/bare: bare-route.ts (token, signature, JSON.parse, queue.add) and bare-worker.ts (one INSERT into Delivery, one chat.postMessage), same concurrency',
        cpu: "/proc/<pid>/stat utime+stime from the first send until every accepted event arrived, ÷ events delivered in that window; PostgreSQL = the shared server's processes working for the run's database",
        saturated: `chatops only, one gateway and ${SATURATED_NOTIFIERS} notifiers: ${benchEnv.saturateRate}/s offered for ${benchEnv.saturateS} s, CPU per event over the load and its drain`,
        capacityCheck: benchEnv.capacityCheck
          ? { stepS: benchEnv.capacityStepS, gateway: 'core 0', notifiers: '2, core 1' }
          : 'off',
      },
      metrics: [
        ...cpuMetrics(runs),
        ...saturatedMetrics(runs),
        ...memoryMetrics(runs),
        ...(checks.length > 0 ? checkMetrics(checks) : []),
      ],
      notes: notes(runs, checks),
      runs: [...runs, ...checks.map((c) => ({ capacityCheck: c }))],
    };
  },
};
