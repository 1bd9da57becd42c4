import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createPrismaClient, type Db } from '@chatops/db';
import { freePort } from '@chatops/testing';
import { ADMIN_TOKEN, ENCRYPTION_KEY, ROOT } from '../lib/config';
import { type Child, startNode } from '../lib/processes';
import { type SeededEndpoint, seedProjects } from '../lib/seed';
import { type ObservedSlack, startSlack } from '../lib/slack';
import { type SoakConfig } from './config';
import { SoakPostgres } from './postgres-server';
import { SoakRedis } from './redis-server';

/** A service process the soak started (restarts are new instances), for memory and CPU. */
export interface Instance {
  name: string;
  role: 'gateway' | 'notifier';
  child: Child;
  startedAt: number;
  endedAt?: number;
}

const entry = (service: string) => resolve(ROOT, 'services', service, 'dist/main.js');

/**
 * The soak's world: its own PostgreSQL and Redis, the fake Slack (Slack's per-channel limit on),
 * one gateway on a fixed port (restarted there after a kill, as a load balancer would find it) and
 * `notifiers` notifiers, all with production settings except the pacing, set to the fake's limit.
 */
export class SoakStack {
  readonly instances: Instance[] = [];
  gateway!: Child;
  readonly notifiers: Child[] = [];
  slack!: ObservedSlack;
  endpoints: SeededEndpoint[] = [];
  db!: Db;
  private gatewayPort = 0;
  private gatewayOpsPort = 0;
  private baseEnv: Record<string, string> = {};
  private readonly cleanups: (() => Promise<unknown>)[] = [];

  private constructor(
    readonly dir: string,
    readonly config: SoakConfig,
    readonly redis: SoakRedis,
    readonly postgres: SoakPostgres,
  ) {}

  /** Picks the ports; nothing runs until boot() (so a caller can register close() first). */
  static async prepare(dir: string, config: SoakConfig): Promise<SoakStack> {
    mkdirSync(join(dir, 'logs'), { recursive: true });
    const postgres = new SoakPostgres(await freePort(), join(dir, 'pg'));
    const redis = new SoakRedis(await freePort(), join(dir, 'redis'), config.persistence);
    return new SoakStack(dir, config, redis, postgres);
  }

  get gatewayUrl(): string {
    return `http://127.0.0.1:${this.gatewayPort}`;
  }

  get gatewayOpsUrl(): string {
    return `http://127.0.0.1:${this.gatewayOpsPort}`;
  }

  /** Starts everything; on failure, close() stops what did start. */
  async boot(onStep: (message: string) => void): Promise<void> {
    onStep(`PostgreSQL: initdb and start on 127.0.0.1:${this.postgres.port} (${this.postgres.dir})`);
    await this.postgres.init();
    await this.postgres.start();
    this.cleanups.push(() => this.postgres.stop());
    await this.postgres.provision();
    execFileSync(resolve(ROOT, 'node_modules/.bin/prisma'), ['migrate', 'deploy'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: this.postgres.url },
      stdio: 'pipe',
    });
    onStep(`Redis (persistence: ${this.config.persistence}) on 127.0.0.1:${this.redis.port} (${this.redis.dir})`);
    await this.redis.start();
    this.cleanups.push(() => this.redis.stop());
    this.db = createPrismaClient(this.postgres.url, { poolSize: 2 });
    this.cleanups.push(() => this.db.$disconnect());
    onStep(`seeding ${this.config.channels} projects, each with an endpoint, an integration and a channel`);
    this.endpoints = await seedProjects(this.db, this.config.channels);
    this.slack = await startSlack({
      channels: this.config.channels,
      rateLimit: { perSecond: this.config.slackPerSecond, burst: this.config.slackBurst },
    });
    this.cleanups.push(() => this.slack.stop());
    this.baseEnv = {
      DATABASE_URL: this.postgres.url,
      REDIS_URL: this.redis.url,
      QUEUE_PREFIX: 'soak',
      ENCRYPTION_KEY,
      ADMIN_TOKEN,
      SLACK_API_URL: `${this.slack.url}/api`,
      LOG_LEVEL: 'warn',
    };
    this.gatewayPort = await freePort();
    this.gatewayOpsPort = await freePort();
    onStep(`gateway on ${this.gatewayPort} and ${this.config.notifiers} notifiers`);
    await this.startGateway();
    for (let i = 0; i < this.config.notifiers; i++) await this.startNotifier(i);
    this.cleanups.push(() => Promise.all([this.gateway, ...this.notifiers].map((c) => c.stop())));
  }

  async startGateway(): Promise<void> {
    const name = `gateway${this.restartSuffix('gateway')}`;
    this.gateway = await startNode(
      name,
      entry('gateway'),
      this.gatewayPort,
      {
        ...this.baseEnv,
        GATEWAY_PORT: String(this.gatewayPort),
        GATEWAY_OPS_PORT: String(this.gatewayOpsPort),
        PUBLIC_URL: this.gatewayUrl,
      },
      { logFile: this.logFile(name) },
    );
    this.instances.push({ name, role: 'gateway', child: this.gateway, startedAt: performance.now() });
  }

  async startNotifier(slot: number): Promise<void> {
    const base = `notifier-${slot + 1}`;
    const name = `${base}${this.restartSuffix(base)}`;
    const port = await freePort();
    const child = await startNode(
      name,
      entry('notifier'),
      port,
      {
        ...this.baseEnv,
        NOTIFIER_PORT: String(port),
        NOTIFIER_CHANNEL_RATE_PER_SECOND: String(this.config.slackPerSecond),
        NOTIFIER_CHANNEL_BURST: String(this.config.slackBurst),
      },
      { logFile: this.logFile(name) },
    );
    this.notifiers[slot] = child;
    this.instances.push({ name, role: 'notifier', child, startedAt: performance.now() });
  }

  /** SIGKILL, as a crash or an OOM kill would. */
  async kill(child: Child): Promise<void> {
    await child.kill();
    this.ended(child);
  }

  /** SIGTERM: the service finishes what it holds and exits, as in a deploy. */
  async stop(child: Child): Promise<void> {
    await child.stop();
    this.ended(child);
  }

  private ended(child: Child): void {
    const instance = this.instances.find((i) => i.child === child);
    if (instance) instance.endedAt = performance.now();
  }

  async close(): Promise<void> {
    for (const cleanup of this.cleanups.splice(0).reverse())
      await cleanup().catch((error: unknown) => console.error(`soak cleanup: ${String(error)}`));
  }

  private logFile(name: string): string {
    return join(this.dir, 'logs', `${name.replace(/\W+/g, '-').replace(/-$/, '')}.log`);
  }

  private restartSuffix(base: string): string {
    const n = this.instances.filter((i) => i.name === base || i.name.startsWith(`${base} (`)).length;
    return n === 0 ? '' : ` (restart ${n})`;
  }
}
