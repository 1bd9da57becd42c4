import {
  costAt,
  type CostCurve,
  type CpuCosts,
  DEFAULT_PLAN,
  fitCostCurve,
  kedaListLength,
  plan,
  type PlanOptions,
  rateForCores,
  storage,
  type StorageCosts,
} from './capacity-model';
import { perEventMetric } from './per-event';
import { type ScenarioResult } from './results';

/** What docs/capacity.md's table is computed from. */
export interface CapacityInputs {
  /** Where the figures come from (file, date, commit, machine, rate, runs). */
  source: string;
  /** The rates the curves were fitted to, and the CPU-ms per event measured at each. */
  rates: number[];
  measured: Record<keyof CpuCosts, number[]>;
  cpu: CpuCosts;
  /** CPU-ms per event with a backlog (the saturated run), and what one gateway and one notifier delivered then. */
  saturated: { gateway: number; notifier: number; deliveredPerSecond: number };
  /** Peak RSS of one replica under load, in MB. */
  rssMb: { gateway: number; notifier: number };
  storage: StorageCosts;
}

/** The rates the table plans for. */
export const PLANNED_RATES = [100, 1_000, 10_000];
/** WEBHOOK_DEDUPE_TTL_SECONDS' default (deploy/kubernetes/configmap.yaml). */
export const DEDUPE_TTL_S = 86_400;
/** The backlog the table sizes Redis for: this long without notifiers (or with chat down). */
export const BACKLOG_S = 600;
/** KEDA adds a notifier once each holds this many seconds of its own work in the wait list. */
export const KEDA_BACKLOG_S = 0.5;

/** The model's inputs from a cpu-per-event result: curves through the chatops medians at every rate tried; undefined if any is missing. */
export function inputsFrom(result: ScenarioResult): CapacityInputs | undefined {
  const rates = (result.config.rates as number[] | undefined) ?? [];
  const rate = Math.max(...rates);
  const median = (name: string) => result.metrics.find((m) => m.name === name)?.median ?? Number.NaN;
  const at = (group: string) => rates.map((r) => median(perEventMetric.cpu(r, 'chatops', group)));
  const measured = { gateway: at('gateway'), notifier: at('notifier'), redis: at('redis'), postgres: at('postgres') };
  const curve = (ms: number[]) => fitCostCurve(ms.map((v, i) => ({ rate: rates[i]!, ms: v })));
  const inputs: CapacityInputs = {
    source: `bench/results/cpu-per-event.json of ${result.startedAt.slice(0, 16).replace('T', ' ')} UTC, commit ${result.machine.commit}, ${result.machine.cores} cores (${result.machine.cpuModel}), load average ${result.machine.loadAverage1m} at start: chatops medians of ${result.metrics[0]?.values.length ?? 0} run(s) at ${rates.map((r) => `${r}`).join(', ')}/s`,
    rates,
    measured,
    cpu: {
      gateway: curve(measured.gateway),
      notifier: curve(measured.notifier),
      redis: curve(measured.redis),
      postgres: curve(measured.postgres),
    },
    saturated: {
      gateway: median(perEventMetric.saturatedCpu('gateway')),
      notifier: median(perEventMetric.saturatedCpu('notifier')),
      deliveredPerSecond: median(perEventMetric.saturatedRate),
    },
    rssMb: {
      gateway: median(perEventMetric.peakMemory(rate, 'chatops', 'gateway')),
      notifier: median(perEventMetric.peakMemory(rate, 'chatops', 'notifier')),
    },
    storage: {
      redisBytesPerQueuedEvent: median(perEventMetric.redisBytesPerQueuedEvent),
      redisBytesPerDedupeKey: median(perEventMetric.redisBytesPerDedupeKey),
      postgresBytesPerEvent: median(perEventMetric.postgresBytesPerEvent),
    },
  };
  // Every figure at every rate: a curve fitted past a missing one would hide it.
  const numbers = [
    ...Object.values(measured).flat(),
    ...Object.values(inputs.saturated),
    ...Object.values(inputs.rssMb),
    ...Object.values(inputs.storage),
  ];
  return numbers.every(Number.isFinite) ? inputs : undefined;
}

const n = (v: number, digits = 2) => v.toLocaleString('en-US', { maximumFractionDigits: digits });
const gb = (bytes: number) => `${n(bytes / 1e9, 1)} GB`;

/** The table of docs/capacity.md for the planned rates, as markdown. */
export function capacitySection(inputs: CapacityInputs, options: PlanOptions = DEFAULT_PLAN): string {
  const plans = PLANNED_RATES.map((rate) => ({
    p: plan(rate, inputs.cpu, options),
    s: storage(rate, inputs.storage, DEDUPE_TTL_S, BACKLOG_S),
  }));
  const u = options.utilisation;
  const row = (label: string, cell: (x: (typeof plans)[number]) => string) =>
    `| ${label} | ${plans.map((x) => cell(x)).join(' | ')} |`;
  const { cpu, rssMb, storage: st, saturated: sat } = inputs;
  const top = Math.max(...inputs.rates);
  const kinds: [string, keyof CpuCosts][] = [
    ['gateway', 'gateway'],
    ['notifier', 'notifier'],
    ['Redis', 'redis'],
    ['PostgreSQL', 'postgres'],
  ];
  const measured = kinds.map(([label, k]) => `${label} ${inputs.measured[k].map((v) => n(v, 2)).join(' / ')}`);
  const priced = (c: CostCurve) =>
    `${n(costAt(c, top), 2)} → ${n(costAt(c, top * 2), 2)} (exponent ${n(c.exponent, 2)})`;
  return [
    `From ${inputs.source}. CPU-ms per delivered event measured at ${inputs.rates.join(' / ')} events/s: ${measured.join(', ')}. Priced from ${n(top)}/s to ${n(top * 2)}/s on the fitted curves, flat outside: ${kinds.map(([label, k]) => `${label} ${priced(cpu[k])}`).join(', ')}. Peak RSS per replica: gateway ${n(rssMb.gateway, 0)} MB, notifier ${n(rssMb.notifier, 0)} MB. Redis ${n(st.redisBytesPerQueuedEvent, 0)} B per queued event, ${n(st.redisBytesPerDedupeKey, 0)} B per dedupe key; PostgreSQL ${n(st.postgresBytesPerEvent, 0)} B per delivery. Replicas are planned at ${n(u * 100, 0)} % of a core each (minimum ${options.minReplicas.gateway} gateways, ${options.minReplicas.notifier} notifier): a gateway gets there at ${n(rateForCores(cpu.gateway, u), 0)} events/s, a notifier at ${n(rateForCores(cpu.notifier, u), 0)}. With a backlog, CPU per event is far lower (one gateway and two notifiers delivered ${n(sat.deliveredPerSecond, 0)} events/s on the bench machine, spending gateway ${n(sat.gateway, 2)} and notifiers ${n(sat.notifier, 2)} CPU-ms per event): a replica's ceiling at its one-core limit is about ${n(1000 / sat.gateway, 0)} events/s for a gateway and ${n(1000 / sat.notifier, 0)} for a notifier, the headroom above the planned rate.`,
    '',
    `| sustained rate | ${PLANNED_RATES.map((r) => `${n(r)} events/s`).join(' | ')} |`,
    `|---|${PLANNED_RATES.map(() => '---:').join('|')}|`,
    row('gateway: cores busy', (x) => n(x.p.gateway.cores)),
    row('gateway: replicas', (x) => String(x.p.gateway.replicas)),
    row('notifier: cores busy', (x) => n(x.p.notifier.cores)),
    row('notifier: replicas', (x) => String(x.p.notifier.replicas)),
    row('Redis: cores busy (one thread)', (x) => `${n(x.p.redisCores)}${x.p.redisCores > u ? ' ⚠' : ''}`),
    row('PostgreSQL: cores busy', (x) => n(x.p.postgresCores)),
    row('cores busy in all', (x) => n(x.p.gateway.cores + x.p.notifier.cores + x.p.redisCores + x.p.postgresCores)),
    row(`cores to provision (replicas at ${n(u * 100, 0)} %, Redis and PostgreSQL as busy)`, (x) =>
      n((x.p.gateway.replicas + x.p.notifier.replicas) * u + x.p.redisCores + x.p.postgresCores, 1),
    ),
    row(
      "services' memory (replicas × peak RSS)",
      (x) => `${n((x.p.gateway.replicas * rssMb.gateway + x.p.notifier.replicas * rssMb.notifier) / 1024, 1)} GB`,
    ),
    row('PostgreSQL: connections (pool × replicas)', (x) => n(x.p.postgresConnections)),
    row(`Redis: dedupe keys (rate × ${n(DEDUPE_TTL_S)} s)`, (x) => gb(x.s.redisDedupeBytes)),
    row(`Redis: a backlog of ${BACKLOG_S / 60} minutes`, (x) => gb(x.s.redisBacklogBytes)),
    row('PostgreSQL: delivery tables, growth per day', (x) => gb(x.s.postgresBytesPerDay)),
    '',
    `⚠: more than one Redis thread can keep at ${n(u * 100, 0)} % (see "Past one Redis and one PostgreSQL"). KEDA \`listLength\` for the notifier's wait lists: ${kedaListLength(cpu.notifier, u, KEDA_BACKLOG_S)} (a replica at ${n(u * 100, 0)} % of a core handles ${n(rateForCores(cpu.notifier, u), 0)} events/s; ${KEDA_BACKLOG_S} s of that per replica).`,
  ].join('\n');
}
