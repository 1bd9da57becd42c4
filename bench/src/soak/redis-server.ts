import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { waitUntil } from '../lib/stats';

/** How the soak's Redis keeps its data: AOF fsynced every second (what production should run), or nothing at all. */
export type RedisPersistence = 'aof' | 'off';

/**
 * The soak's own redis-server, in the foreground (the pattern of test/support/redis-server.ts):
 * the soak kills and restarts it, so it must never be the shared test or dev Redis. Its data
 * directory survives a restart, which is the point of AOF.
 */
export class SoakRedis {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly port: number,
    readonly dir: string,
    readonly persistence: RedisPersistence,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    const child = this.child;
    return child && child.exitCode === null && child.signalCode === null ? child.pid : undefined;
  }

  /** The settings the services run against, as docs/operations.md recommends (persistence aside). */
  get args(): string[] {
    const persistence =
      this.persistence === 'aof' ? ['--appendonly', 'yes', '--appendfsync', 'everysec'] : ['--appendonly', 'no'];
    return [
      ...['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir],
      ...['--save', '', ...persistence, '--maxmemory-policy', 'noeviction'],
      ...['--logfile', join(this.dir, 'redis.log')],
    ];
  }

  /** Starts it and waits until it answers PING (after loading its AOF, when it has one). */
  async start(): Promise<void> {
    const child = spawn('redis-server', this.args, { stdio: 'ignore' });
    this.child = child;
    this.exited = new Promise((r) => child.once('exit', () => r()));
    const up = await waitUntil(() => ping(this.url), 60_000, 100);
    if (!up)
      throw new Error(`redis-server on ${this.port} did not answer PING within 60 s (log: ${this.dir}/redis.log)`);
  }

  async version(): Promise<string> {
    const client = new Redis(this.url, { maxRetriesPerRequest: 1 });
    client.on('error', () => undefined);
    try {
      return /redis_version:(\S+)/.exec(await client.info('server'))?.[1] ?? '?';
    } finally {
      client.disconnect();
    }
  }

  /** A crash: SIGKILL, no chance to write anything more. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await this.exited;
  }

  /** A clean stop (SHUTDOWN writes and fsyncs the AOF when there is one). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    await client
      .connect()
      .then(() => client.call('SHUTDOWN', this.persistence === 'aof' ? 'SAVE' : 'NOSAVE'))
      .catch(() => undefined);
    client.disconnect();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

async function ping(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG'; // -LOADING while the AOF is read back: not yet
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
