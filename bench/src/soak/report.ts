import { type Metric, metric } from '../lib/results';
import { type Tally } from '../lib/slack';
import { percentile, round, sortedCopy } from '../lib/stats';
import { type Accepted, outsideFaults, p99, recoveries, slidingP99, type Span } from './analysis';
import { type SoakConfig } from './config';
import { type PlayedFault } from './faults';
import { EventState, type SimulatedGitLab } from './gitlab';
import { type SoakMonitor } from './monitor';

/** One event posted more than once, with what the database says about its delivery. */
export interface Duplicate {
  seq: number;
  /** Arrival of each copy, s after the load started. */
  copiesAtS: number[];
  status: string;
  attempts: { attempt: number; outcome: string; errorCode: string | null; atS: number }[];
}

export interface SoakData {
  config: SoakConfig;
  faults: PlayedFault[];
  gitlab: SimulatedGitLab;
  tally: Tally;
  monitor: SoakMonitor;
  /** performance.now() ms: the load's first send, its last, and the end of the drain. */
  loadStart: number;
  loadEnd: number;
  drainEnd: number;
  /** Date.now() at loadStart, to turn relative times into wall-clock times. */
  wallStart: number;
  deliveryStatuses: Record<string, number>;
  failedJobs: Record<string, number>;
  /** Keys left under the prefix at the end, by queue and kind. */
  redisKeys: Record<string, number>;
  duplicates: Duplicate[];
}

const HOLD_S = 10;
const seconds = (data: SoakData, at: number) => round((at - data.loadStart) / 1000, 1);
const iso = (data: SoakData, at: number) => new Date(data.wallStart + at - data.loadStart).toISOString();

/** Accepted events with their latency (accepted try sent → first copy at Slack; clamped at 0, see notes). */
function acceptedEvents(data: SoakData): { events: Accepted[]; early: number } {
  const { gitlab, tally } = data;
  const events: Accepted[] = [];
  let early = 0;
  for (let seq = 0; seq < gitlab.total; seq++) {
    if (gitlab.state[seq] !== EventState.Accepted) continue;
    const sentAt = gitlab.acceptedSentAt[seq]!;
    const arrived = tally.count[seq]! > 0 ? tally.firstAt[seq]! : Number.POSITIVE_INFINITY;
    if (arrived < sentAt) early++; // accepted by an earlier try whose answer was lost
    events.push({ t: (sentAt - data.loadStart) / 1000, latencyMs: Math.max(0, arrived - sentAt) });
  }
  return { events, early };
}

function count(state: Uint8Array, value: number): number {
  let n = 0;
  for (const s of state) if (s === value) n++;
  return n;
}

/** "notifier-1 (restart 1)" → "notifier-1": memory is compared per place in the stack, whichever process holds it. */
const slot = (name: string) => name.replace(/ \(restart \d+\)$/, '');

function memoryMetrics(start: Record<string, number>, end: Record<string, number>): Metric[] {
  const byslot = (sample: Record<string, number>) =>
    new Map(Object.entries(sample).map(([name, mb]) => [slot(name), mb] as const));
  const [first, last] = [byslot(start), byslot(end)];
  return [...last.keys()].flatMap((name) => [
    metric(`RSS ${name} at start`, 'MB', [first.get(name) ?? Number.NaN]),
    metric(`RSS ${name} at end`, 'MB', [last.get(name) ?? Number.NaN]),
  ]);
}

/** The soak's metrics, notes and raw run record (see docs/benchmarks.md#fault-soak for the definitions). */
export function soakReport(data: SoakData): { metrics: Metric[]; notes: string[]; run: Record<string, unknown> } {
  const { gitlab, tally, monitor, config } = data;
  const loadEndS = seconds(data, data.loadEnd);
  const { events, early } = acceptedEvents(data);
  const spans: Span[] = data.faults.map((f) => ({
    name: f.name,
    startS: seconds(data, f.startedAt),
    endS: seconds(data, f.endedAt),
  }));
  const firstFault = spans[0]?.startS ?? loadEndS;
  const baseline = events.filter((e) => e.t < firstFault).map((e) => e.latencyMs);
  const backlog = monitor.backlog.map((b) => ({
    t: b.t,
    total: b.events === null || b.deliveries === null ? null : b.events + b.deliveries,
  }));
  const baselineBacklog = backlog.filter((b) => b.t < firstFault && b.total !== null).map((b) => b.total as number);
  const thresholds = {
    latencyMs: 2 * p99(baseline),
    backlog: Math.max(10, 2 * p99(baselineBacklog)),
    minPerWindow: config.rate * 5 * 0.5,
    holdS: HOLD_S,
  };
  const windows = slidingP99(events, loadEndS);
  const recovered = recoveries(spans, windows, backlog, loadEndS, thresholds);
  // The queues alone: on a shared machine the latency can take longer to settle than the backlog.
  const drained = recoveries(spans, windows, backlog, loadEndS, {
    ...thresholds,
    latencyMs: Infinity,
    minPerWindow: 0,
  });
  const quiet = sortedCopy(outsideFaults(events, spans, recovered, loadEndS).map((e) => e.latencyMs));

  const accepted = count(gitlab.state, EventState.Accepted);
  let lost = 0;
  let deliveredUnacknowledged = 0;
  for (let seq = 0; seq < gitlab.total; seq++) {
    if (gitlab.state[seq] === EventState.Accepted && tally.count[seq] === 0) lost++;
    if (gitlab.state[seq] !== EventState.Accepted && tally.count[seq]! > 0) deliveredUnacknowledged++;
  }
  const tries = gitlab.attempts.reduce((a, b) => a + b, 0);
  const possibleDuplicates = [...monitor.counters.values()].reduce((a, c) => a + c.possibleDuplicates, 0);
  const swept = [...monitor.counters.values()].reduce((a, c) => a + c.swept, 0);

  const perFault = data.faults.map((f, i) => {
    const span = spans[i]!;
    const to = recovered[i] === null ? (spans[i + 1]?.startS ?? loadEndS) : span.endS + (recovered[i] ?? 0);
    // From 10 s before the fault: a post in flight when it hit shows up as a slow event accepted just before.
    const around = events.filter((e) => e.t >= span.startS - 10 && e.t < to);
    const refused = gitlab.failures.filter((x) => {
      const t = (x.at - data.loadStart) / 1000;
      return t >= span.startS && t < to;
    });
    const dups = data.duplicates.filter((d) => d.copiesAtS[0]! >= span.startS - 10 && d.copiesAtS[0]! < to);
    const peak = Math.max(0, ...backlog.filter((b) => b.t >= span.startS && b.t < to).map((b) => b.total ?? 0));
    return {
      name: f.name,
      what: f.what,
      startedAt: iso(data, f.startedAt),
      endedAt: iso(data, f.endedAt),
      startS: span.startS,
      endS: span.endS,
      detail: f.detail,
      recoveryS: recovered[i] === null ? null : round(recovered[i] ?? 0, 1),
      queuesDrainedS: drained[i] === null ? null : round(drained[i] ?? 0, 1),
      acceptedAround: around.length,
      lostAround: around.filter((e) => !Number.isFinite(e.latencyMs)).length,
      slowAround: around.filter((e) => Number.isFinite(e.latencyMs) && e.latencyMs > thresholds.latencyMs).length,
      maxLatencyMs: round(Math.max(0, ...around.map((e) => e.latencyMs).filter(Number.isFinite))),
      refusedTries: refused.length,
      backlogPeak: peak,
      duplicates: dups.map((d) => d.seq),
    };
  });

  const firstRes = monitor.resources[0];
  const lastRes = monitor.resources[monitor.resources.length - 1];
  const during = monitor.resources.filter((r) => r.t >= 0 && r.t <= loadEndS && Object.keys(r.cpuPercent).length > 0);
  const mean = (xs: number[]) => (xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length);
  const loads = during.map((r) => r.load1);

  const metrics: Metric[] = [
    metric('events sent (first tries)', '', [gitlab.total]),
    metric("tries sent (GitLab's resends included)", '', [tries]),
    metric('accepted (202, or 200: a resend of one already accepted)', '', [accepted]),
    metric('tries refused or timed out (sent again later)', '', [gitlab.failures.length]),
    metric('given up by GitLab (5 tries refused or timed out)', '', [count(gitlab.state, EventState.GaveUp)], {
      op: '<=',
      value: 0,
      rule: 'every',
    }),
    metric('delivered (distinct accepted events at the fake Slack)', '', [accepted - lost]),
    metric('lost (accepted, never delivered by the end of the drain)', '', [lost], {
      op: '<=',
      value: 0,
      rule: 'every',
    }),
    metric('duplicated (posts beyond the first, all events)', '', [tally.duplicates()]),
    metric('possible duplicates counted by the notifiers', '', [possibleDuplicates]),
    metric('p50 latency outside fault windows (accepted → Slack)', 'ms', [percentile(quiet, 50)]),
    metric('p99 latency outside fault windows', 'ms', [percentile(quiet, 99)]),
    metric('p99 latency before the first fault (baseline)', 'ms', [p99(baseline)]),
    ...perFault.flatMap((f) => [
      metric(`recovery after ${f.name} (s after it was back)`, 's', [f.recoveryS ?? Number.NaN]),
      metric(`queues back to normal after ${f.name}`, 's', [f.queuesDrainedS ?? Number.NaN]),
    ]),
    ...memoryMetrics(firstRes?.rssMb ?? {}, lastRes?.rssMb ?? {}),
    metric('Redis used_memory at start', 'MB', [firstRes?.redisUsedMb ?? Number.NaN]),
    metric('Redis used_memory at end', 'MB', [lastRes?.redisUsedMb ?? Number.NaN]),
    metric('load average (1 min) during the load: mean', '', [mean(loads)]),
    metric('load average (1 min) during the load: max', '', [Math.max(...loads)]),
    metric('CPU, soak processes, mean during the load', '% of a core', [
      mean(during.map((r) => r.cpuPercent['soak total'] ?? 0)),
    ]),
    metric('CPU, whole machine, mean during the load', '% of a core', [
      mean(during.map((r) => r.cpuPercent['machine total'] ?? 0)),
    ]),
  ];

  const notes = [
    `${config.minutes} min at ${config.rate} events/s open loop over ${config.channels} channels (${round(config.rate / config.channels, 2)}/s each); fake Slack limit and notifier pacing ${config.slackPerSecond}/s per channel, burst ${config.slackBurst}; ${config.notifiers} notifiers; Redis ${config.persistence === 'aof' ? 'AOF, appendfsync everysec' : 'without persistence'}; its own Redis and PostgreSQL (fsync on).`,
    `Latency: from sending the try that got the 2xx to the first copy at the fake Slack. Recovery: seconds from the fault's end until the p99 of every 5 s window of accepted events stayed ≤ ${round(thresholds.latencyMs)} ms (2× the baseline p99) with ≥ ${thresholds.minPerWindow} events and the queues ≤ ${round(thresholds.backlog)} jobs, for ${HOLD_S} s.`,
    ...perFault.map(
      (f) =>
        `${f.name} (${f.what}) at ${f.startS}–${f.endS} s: ${f.detail}; recovered ${f.recoveryS === null ? 'not before the next fault or the end of the load' : `${f.recoveryS} s after`} (queues back to normal ${f.queuesDrainedS === null ? 'never' : `${f.queuesDrainedS} s after`}); from 10 s before it to recovery ${f.acceptedAround} events accepted, ${f.lostAround} lost, ${f.slowAround} slower than ${round(thresholds.latencyMs)} ms, max ${f.maxLatencyMs} ms; ${f.refusedTries} tries refused or timed out; queue peak ${f.backlogPeak}; duplicates ${f.duplicates.length}.`,
    ),
    `Duplicates: ${data.duplicates.length} events posted more than once (${tally.duplicates()} extra posts); the notifiers counted ${possibleDuplicates} resumed posts of unknown outcome; the sweeper requeued ${swept}.`,
    `Deliveries in PostgreSQL at the end: ${JSON.stringify(data.deliveryStatuses)}; failed jobs left in Redis: ${JSON.stringify(data.failedJobs)}; keys left in Redis: ${JSON.stringify(data.redisKeys)} (\`events:de\`: webhook dedupe keys, kept WEBHOOK_DEDUPE_TTL_SECONDS, 24 h by default).`,
    ...(early > 0
      ? [
          `${early} events reached Slack before GitLab got a 2xx: a try was accepted but its answer lost (latency counted as 0).`,
        ]
      : []),
    ...(deliveredUnacknowledged > 0
      ? [`${deliveredUnacknowledged} events reached Slack though GitLab never got a 2xx.`]
      : []),
  ];

  const run = {
    config,
    thresholds,
    faults: perFault,
    answers: gitlab.answers,
    duplicates: data.duplicates,
    deliveryStatuses: data.deliveryStatuses,
    failedJobs: data.failedJobs,
    redisKeys: data.redisKeys,
    notifierCounters: Object.fromEntries(monitor.counters),
    drainS: round((data.drainEnd - data.loadEnd) / 1000, 1),
    series: {
      backlog: monitor.backlog,
      p99ByWindow: windows.map((w) => ({ t: w.t, p99Ms: round(w.p99Ms), n: w.n })),
      resources: monitor.resources,
    },
  };
  return { metrics, notes, run };
}
