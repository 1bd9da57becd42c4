/**
 * CPU per delivered event, and chatops against the bare pipeline: the arithmetic of the
 * cpu-per-event scenario, kept apart from the measuring so it can be tested.
 */

/** CPU seconds per process group over a window → CPU milliseconds per event (NaN with no events). */
export function cpuMsPerEvent(cpuSeconds: Record<string, number>, events: number): Record<string, number> {
  return Object.fromEntries(
    Object.entries(cpuSeconds).map(([group, seconds]) => [group, events > 0 ? (seconds * 1000) / events : Number.NaN]),
  );
}

/** The sum over `groups` (a group missing from `perEvent` counts as NaN: a typo must not read as 0). */
export function sumOf(perEvent: Record<string, number>, groups: readonly string[]): number {
  return groups.reduce((total, group) => total + (perEvent[group] ?? Number.NaN), 0);
}

/** One line of the comparison: which group of each side does the same job. */
export interface Counterpart {
  name: string;
  chatops: readonly string[];
  bare: readonly string[];
}

/** chatops ÷ bare for each counterpart (sums of their groups). */
export function ratios(
  chatops: Record<string, number>,
  bare: Record<string, number>,
  counterparts: readonly Counterpart[],
): Record<string, number> {
  return Object.fromEntries(counterparts.map((c) => [c.name, sumOf(chatops, c.chatops) / sumOf(bare, c.bare)]));
}

/**
 * "At most half busy" on a 2-core machine: everything the run started (services, Redis,
 * PostgreSQL, load generator, fake Slack) within one core's worth of CPU, in % of one core. The
 * p99 ≤ 20 ms target applies at the highest rate tried that stays within it while keeping up
 * (a run starved of CPU by other work stays within it too, with a backlog).
 */
export const HALF_BUSY_PERCENT = 100;

/** The run at the highest rate among those that pass `ok`, or undefined when none does. */
export function highestRate<T extends { rate: number }>(runs: readonly T[], ok: (run: T) => boolean): T | undefined {
  let best: T | undefined;
  for (const run of runs) if (ok(run) && (best === undefined || run.rate > best.rate)) best = run;
  return best;
}

/** What each memory figure is: resident memory, but PostgreSQL's private memory and Redis' own count. */
const MEMORY: Record<string, string> = {
  redis: 'redis-server RSS (the whole server)',
  'redis used_memory': 'Redis used_memory (the whole server)',
  postgres: 'PostgreSQL private memory (RssAnon)',
};
const memory = (group: string) => MEMORY[group] ?? `${group} RSS`;

/** Names of the cpu-per-event metrics that docs/capacity.md's table is computed from. */
export const perEventMetric = {
  cpu: (rate: number, side: string, group: string) => `${rate}/s ${side}: CPU per event, ${group}`,
  peakMemory: (rate: number, side: string, group: string) => `${side}: ${memory(group)}, peak at ${rate}/s`,
  idleMemory: (side: string, group: string) => `${side}: ${memory(group)}, idle`,
  saturatedCpu: (group: string) => `chatops with a backlog (saturated run): CPU per event, ${group}`,
  saturatedRate: 'chatops with a backlog (saturated run): events delivered per second, load and drain',
  redisBytesPerQueuedEvent: 'Redis bytes per queued event (job hash + dedupe key)',
  redisBytesPerDedupeKey: 'Redis bytes per dedupe key',
  postgresBytesPerEvent: 'PostgreSQL bytes per delivered event (delivery tables and indexes)',
};
