import { type ChildProcess, spawn } from 'node:child_process';
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

/** VmRSS of a process, in MB. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
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

/** Pids whose command line contains `needle` (e.g. every PostgreSQL backend of the test server). */
export function pidsOf(needle: (cmdline: string, comm: string) => boolean): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (needle(cmdline, comm)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** CPU seconds the whole machine spent busy (all cores), from /proc/stat. */
export function machineBusySeconds(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
}

export type PidGroups = Record<string, () => number[]>;

/**
 * CPU used by groups of processes over a window, as % of one core (200 = both cores of this
 * machine). Groups are re-resolved at both ends so PostgreSQL backends started meanwhile count.
 */
export async function cpuDuring<T>(
  groups: PidGroups,
  work: () => Promise<T>,
): Promise<{ result: T; cpuPercent: Record<string, number> }> {
  const snapshot = () => {
    const out: Record<string, Map<number, number>> = {};
    for (const [name, pids] of Object.entries(groups)) out[name] = new Map(pids().map((pid) => [pid, cpuSeconds(pid)]));
    return out;
  };
  const before = snapshot();
  const machineBefore = machineBusySeconds();
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  const after = snapshot();
  const machine = machineBusySeconds() - machineBefore;
  const cpuPercent: Record<string, number> = {};
  let ours = 0;
  for (const [name, pids] of Object.entries(after)) {
    let used = 0;
    for (const [pid, end] of pids) used += end - (before[name]?.get(pid) ?? 0);
    ours += used;
    cpuPercent[name] = Math.round((used / seconds) * 100);
  }
  // Whatever else ran meanwhile (kernel threads, other people's builds and tests on a shared machine).
  cpuPercent['other processes'] = Math.max(0, Math.round(((machine - ours) / seconds) * 100));
  cpuPercent['machine total'] = Math.round((machine / seconds) * 100);
  return { result, cpuPercent };
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((c) => c.stop()));
  await sleep(0);
}
