import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './config';
import { profileArgs } from './profile';
import { sleep, waitUntil } from './stats';

export interface Child {
  name: string;
  pid: number;
  url: string;
  output(): string;
  stop(): Promise<void>;
  /** SIGKILL: a crash, with no chance to finish anything. */
  kill(): Promise<void>;
}

/** The NODE_OPTIONS the service images run with (Dockerfile), so the bench measures what ships. */
export function imageNodeOptions(): string {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const match = /NODE_OPTIONS="([^"]*)"/.exec(dockerfile);
  if (!match?.[1]) throw new Error('Dockerfile sets no NODE_OPTIONS="…" for the services');
  return match[1];
}

/** Every process the harness started and has not stopped yet, so a crash or Ctrl-C can end them. */
export const running = new Set<Child>();

/** Starts `node <entry>` on loopback and waits for `GET <url>/healthz`; `logFile` also keeps all its output. */
export async function startNode(
  name: string,
  entry: string,
  port: number,
  env: Record<string, string>,
  options: { logFile?: string } = {},
): Promise<Child> {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build first (pnpm exec turbo run build)`);
  const proc: ChildProcess = spawn(process.execPath, [...profileArgs(name), entry], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_OPTIONS: imageNodeOptions(),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    log?.write(chunk);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  // 'close' comes after the last output, 'exit' possibly before it.
  proc.once('close', () => log?.end());
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const url = `http://127.0.0.1:${port}`;
  const child: Child = {
    name,
    pid: proc.pid ?? -1,
    url,
    output: () => output,
    async stop() {
      running.delete(child);
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      running.delete(child);
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGKILL');
      await exited;
    },
  };
  running.add(child);
  const up = await waitUntil(
    async () => {
      if (proc.exitCode !== null) return true;
      return fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
    },
    20_000,
    100,
  );
  if (!up || proc.exitCode !== null) {
    await child.stop();
    throw new Error(`${name} did not start (exit ${proc.exitCode}):\n${output}`);
  }
  return child;
}

/** A memory field of `/proc/<pid>/status` in MB: VmRSS (resident), or RssAnon (private, no shared memory). */
export function rssMb(pid: number, field: 'VmRSS' | 'RssAnon' = 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

const TICKS_PER_SECOND = 100;

/** utime + stime of a process, in seconds. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The parent pid of a process (field 4 of `/proc/<pid>/stat`), or -1 once it is gone. */
export function parentPid(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
}

/** Pids whose command line contains `needle` (e.g. every PostgreSQL backend of the test server). */
export function pidsOf(needle: (cmdline: string, comm: string, pid: number) => boolean): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (needle(cmdline, comm, Number(entry))) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** The redis-server listening on `port`. */
export const redisServerPids = (port: string) => () =>
  pidsOf((cmd, comm) => comm === 'redis-server' && cmd.includes(`:${port}`));

/** `postgres: <user> <database> <client>(port) <state>`: a backend serving a client connection. */
const BACKEND = /^postgres: \S+ (\S+) (?:\S+\(\d+\)|\[local\])/;
const AUTOVACUUM_WORKER = /^postgres: autovacuum worker (\S+)/;

/**
 * Whether a process of a PostgreSQL cluster works for `database`: its backends and autovacuum
 * workers, and the cluster's own processes (postmaster, WAL writer, checkpointer, background
 * writer…: they work for every database, ours included). Backends of other databases (other
 * people's tests on the shared server, the bench's own admin connections) are not.
 */
export function worksForDatabase(cmdline: string, database: string): boolean {
  const match = BACKEND.exec(cmdline) ?? AUTOVACUUM_WORKER.exec(cmdline);
  return match ? match[1] === database : true;
}

/** The processes of the PostgreSQL cluster whose postmaster is `postmaster` that work for `database`. */
export const postgresPids = (postmaster: number, database: string) => () =>
  pidsOf(
    (cmd, comm, pid) =>
      comm === 'postgres' && (pid === postmaster || parentPid(pid) === postmaster) && worksForDatabase(cmd, database),
  );

/** Pins a process we started, and every thread it has, to `cores` (taskset's list syntax: "0", "1", "0-1"). */
export function pinToCores(pid: number, cores: string): void {
  execFileSync('taskset', ['--all-tasks', '--cpu-list', '--pid', cores, String(pid)], { stdio: 'ignore' });
}

/** CPU seconds the whole machine spent busy (all cores), from /proc/stat. */
export function machineBusySeconds(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
}

export type PidGroups = Record<string, () => number[]>;

/** CPU used by groups of processes over a window. */
export interface CpuReading {
  /** Wall-clock seconds the window lasted. */
  seconds: number;
  /** CPU seconds per group, plus `other processes` (everything else) and `machine total`. */
  cpuSeconds: Record<string, number>;
  /** The same as % of one core (200 = both cores of this machine), rounded. */
  cpuPercent: Record<string, number>;
}

/**
 * What the processes a run started took together (services, Redis, PostgreSQL, the bench): the
 * machine less other processes, from any per-group figure of a CpuReading (CPU seconds, % of a
 * core, or those divided per event).
 */
export const runOwn = (perGroup: Record<string, number>): number =>
  (perGroup['machine total'] ?? 0) - (perGroup['other processes'] ?? 0);

/**
 * Starts measuring the CPU of groups of processes; each `read()` covers the window from the start
 * until then. Groups are re-resolved at each reading so PostgreSQL backends started meanwhile
 * count (from 0: all of their CPU time falls in the window); a process gone by then does not.
 */
export function startCpuMeter(groups: PidGroups): { read(): CpuReading } {
  const snapshot = () => {
    const out: Record<string, Map<number, number>> = {};
    for (const [name, pids] of Object.entries(groups)) out[name] = new Map(pids().map((pid) => [pid, cpuSeconds(pid)]));
    return out;
  };
  const before = snapshot();
  const machineBefore = machineBusySeconds();
  const started = performance.now();
  return {
    read() {
      const seconds = (performance.now() - started) / 1000;
      const after = snapshot();
      const machine = machineBusySeconds() - machineBefore;
      const cpu: Record<string, number> = {};
      let ours = 0;
      for (const [name, pids] of Object.entries(after)) {
        let used = 0;
        for (const [pid, end] of pids) used += end - (before[name]?.get(pid) ?? 0);
        ours += used;
        cpu[name] = used;
      }
      // Whatever else ran meanwhile (kernel threads, other people's builds and tests on a shared machine).
      cpu['other processes'] = Math.max(0, machine - ours);
      cpu['machine total'] = machine;
      const cpuPercent = Object.fromEntries(
        Object.entries(cpu).map(([name, used]) => [name, Math.round((used / seconds) * 100)]),
      );
      return { seconds, cpuSeconds: cpu, cpuPercent };
    },
  };
}

/**
 * CPU used by groups of processes while `work` runs, as % of one core (200 = both cores of this
 * machine); `cpu` has the CPU seconds as well.
 */
export async function cpuDuring<T>(
  groups: PidGroups,
  work: () => Promise<T>,
): Promise<{ result: T; cpuPercent: Record<string, number>; cpu: CpuReading }> {
  const meter = startCpuMeter(groups);
  const result = await work();
  const cpu = meter.read();
  return { result, cpuPercent: cpu.cpuPercent, cpu };
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((c) => c.stop()));
  await sleep(0);
}
