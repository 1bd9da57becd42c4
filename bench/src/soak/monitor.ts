import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Redis } from 'ioredis';
import { scrape } from '../lib/metrics';
import { keyCensus } from '../lib/redis';
import { cpuSeconds, machineBusySeconds, rssMb } from '../lib/processes';
import { round } from '../lib/stats';
import { childPids } from './postgres-server';
import { type SoakStack } from './services';

/** Jobs not finished in each queue (waiting, active, delayed…), once a second; `null` while Redis is down. */
export interface BacklogSample {
  t: number;
  events: number | null;
  deliveries: number | null;
  /** Of those, delayed (retries, Retry-After waits, pacing). */
  delayed: number | null;
}

/** Every 5 s: memory (MB) and CPU (% of one core over the last 5 s) per process, and the load average. */
export interface ResourceSample {
  t: number;
  rssMb: Record<string, number>;
  cpuPercent: Record<string, number>;
  load1: number;
  redisUsedMb: number | null;
}

const QUEUES = ['events', 'deliveries'] as const;

function safeRss(pid: number): number {
  try {
    return rssMb(pid);
  } catch {
    return Number.NaN;
  }
}

/** PSS of a process tree (MB): PostgreSQL's shared buffers counted once, not once per backend. */
function treePssMb(root: number | undefined): number {
  if (root === undefined) return Number.NaN;
  let kb = 0;
  for (const pid of [root, ...childPids(root)]) {
    try {
      kb += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return kb / 1024;
}

/**
 * Samples the soak while it runs: the queues once a second, memory, CPU and the load average
 * every 5 s, and each notifier's duplicate and sweeper counters (kept per process: a killed
 * notifier's last reading stays).
 */
export class SoakMonitor {
  readonly backlog: BacklogSample[] = [];
  readonly resources: ResourceSample[] = [];
  /** Last reading of chatops_delivery_possible_duplicates_total and chatops_deliveries_swept_total, per notifier process. */
  readonly counters = new Map<string, { possibleDuplicates: number; swept: number }>();
  private readonly redis: Redis;
  private timers: NodeJS.Timeout[] = [];
  private lastCpu = new Map<number, number>();
  private lastMachine = machineBusySeconds();
  private lastAt = performance.now();

  constructor(
    private readonly stack: SoakStack,
    private readonly origin: number,
  ) {
    this.redis = new Redis(stack.redis.url, {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      connectTimeout: 1000,
      commandTimeout: 1000,
    });
    this.redis.on('error', () => undefined);
  }

  /** Takes the first sample (the "start" memory) at once, then samples until stop(). */
  async start(): Promise<void> {
    if (this.redis.status !== 'ready') await new Promise((r) => this.redis.once('ready', r));
    await this.sampleResources();
    // A sample that fails (a process gone between two reads) is skipped, never fatal.
    this.timers.push(setInterval(() => void this.sampleBacklog().catch(() => undefined), 1000));
    this.timers.push(setInterval(() => void this.sampleResources().catch(() => undefined), 5000));
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.sampleResources();
    this.redis.disconnect();
  }

  private now(): number {
    return round((performance.now() - this.origin) / 1000, 1);
  }

  async backlogNow(): Promise<BacklogSample> {
    const t = this.now();
    try {
      const multi = this.redis.multi();
      for (const q of QUEUES) {
        const k = (kind: string) => `soak:${q}:${kind}`;
        multi.llen(k('wait')).llen(k('active')).llen(k('paused')).zcard(k('prioritized')).zcard(k('delayed'));
      }
      const replies = ((await multi.exec()) ?? []).map(([error, n]) => {
        if (error) throw error;
        return Number(n);
      });
      const sum = (from: number) => replies.slice(from, from + 5).reduce((a, b) => a + b, 0);
      return { t, events: sum(0), deliveries: sum(5), delayed: (replies[4] ?? 0) + (replies[9] ?? 0) };
    } catch {
      return { t, events: null, deliveries: null, delayed: null };
    }
  }

  /** Keys under the soak's prefix by queue and kind (`events:de` are the webhook dedupe keys). */
  census(): Promise<Record<string, number>> {
    return keyCensus(this.redis, 'soak').catch(() => ({}));
  }

  /** Jobs each queue keeps as failed (retries exhausted, or unrecoverable). */
  async failedJobs(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const q of QUEUES) out[q] = await this.redis.zcard(`soak:${q}:failed`).catch(() => Number.NaN);
    return out;
  }

  private async sampleBacklog(): Promise<void> {
    this.backlog.push(await this.backlogNow());
  }

  private async sampleResources(): Promise<void> {
    const now = performance.now();
    const seconds = (now - this.lastAt) / 1000;
    const groups: Record<string, number[]> = {};
    const rss: Record<string, number> = {};
    for (const instance of this.stack.instances) {
      if (instance.endedAt !== undefined) continue;
      const pid = instance.child.pid;
      const mb = safeRss(pid);
      if (Number.isNaN(mb)) continue; // exited
      rss[instance.name] = round(mb, 1);
      (groups[instance.role] ??= []).push(pid);
      void this.scrapeCounters(instance.name, instance.role, instance.child.url);
    }
    const redisPid = this.stack.redis.pid;
    if (redisPid !== undefined) {
      groups.redis = [redisPid];
      rss.redis = round(safeRss(redisPid), 1);
    }
    const pgPid = this.stack.postgres.pid;
    if (pgPid !== undefined) {
      groups.postgres = [pgPid, ...childPids(pgPid)];
      rss['postgres (PSS, all processes)'] = round(treePssMb(pgPid), 1);
    }
    groups['bench (GitLab + fake Slack)'] = [process.pid];
    rss['bench (GitLab + fake Slack)'] = round(safeRss(process.pid), 1);
    const cpu: Record<string, number> = {};
    let ours = 0;
    const nextCpu = new Map<number, number>();
    for (const [group, pids] of Object.entries(groups)) {
      let used = 0;
      for (const pid of pids) {
        const total = cpuSeconds(pid);
        nextCpu.set(pid, total);
        used += total - (this.lastCpu.get(pid) ?? total);
      }
      ours += used;
      cpu[group] = Math.round((used / seconds) * 100);
    }
    const machine = machineBusySeconds();
    const primed = this.lastCpu.size > 0;
    cpu['soak total'] = Math.round((ours / seconds) * 100);
    cpu['machine total'] = Math.round(((machine - this.lastMachine) / seconds) * 100);
    this.lastCpu = nextCpu;
    this.lastMachine = machine;
    this.lastAt = now;
    const info = await this.redis.info('memory').catch(() => '');
    const used = /used_memory:(\d+)/.exec(info)?.[1];
    this.resources.push({
      t: this.now(),
      rssMb: rss,
      // The first sample has nothing to compare with.
      cpuPercent: primed ? cpu : {},
      load1: round(loadavg()[0] ?? 0),
      redisUsedMb: used === undefined ? null : round(Number(used) / 2 ** 20),
    });
  }

  private async scrapeCounters(name: string, role: string, url: string): Promise<void> {
    if (role !== 'notifier') return;
    const samples = await scrape(url);
    if (samples.size === 0) return;
    const read = (metric: string) => {
      for (const [key, value] of samples) if (key === metric || key.startsWith(`${metric}{`)) return value;
      return 0;
    };
    this.counters.set(name, {
      possibleDuplicates: read('chatops_delivery_possible_duplicates_total'),
      swept: read('chatops_deliveries_swept_total'),
    });
  }
}
