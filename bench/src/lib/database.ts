import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { createPrismaClient, type Db } from '@chatops/db';
import { Client } from 'pg';
import { benchEnv, ROOT } from './config';
import { parentPid } from './processes';

export interface BenchDatabase {
  name: string;
  url: string;
  db: Db;
  drop(): Promise<void>;
}

function urlFor(database: string): string {
  const url = new URL(benchEnv.databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: benchEnv.databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function isMigrated(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = '_prisma_migrations'`,
    );
    return Number(rows[0]?.n) > 0;
  } finally {
    await client.end();
  }
}

/**
 * A database of its own, copied from the migrated `chatops` database (milliseconds); when the
 * copy is refused (someone is connected to the template), an empty one migrated with prisma.
 */
export async function createBenchDatabase(label: string): Promise<BenchDatabase> {
  const template = new URL(benchEnv.databaseUrl).pathname.slice(1) || 'chatops';
  const name = benchDatabaseName(label, process.pid, randomBytes(4).toString('hex'));
  const url = urlFor(name);
  const copied = await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`)).then(
    () => true,
    () => false,
  );
  if (!copied) await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  if (!copied || !(await isMigrated(url))) {
    execFileSync(resolve(ROOT, 'node_modules/.bin/prisma'), ['migrate', 'deploy'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url },
      stdio: 'pipe',
    });
  }
  const db = createPrismaClient(url, { poolSize: 2 });
  return {
    name,
    url,
    db,
    async drop() {
      await db.$disconnect();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/**
 * `chatops_bench_<label>_p<pid>_<random>`: the pid of the bench process that made it, so another
 * bench run on the same machine can tell a database in use from one an interrupted run left.
 */
export function benchDatabaseName(label: string, pid: number, random: string): string {
  return `chatops_bench_${label.replace(/\W/g, '_')}_p${pid}_${random}`;
}

/**
 * Whether a bench database was left by a run that is gone: its maker's pid is no longer alive
 * (`alive`). One without a pid in its name is not: an older harness, running now in another
 * worktree, makes those, and this one cannot tell whether its run is over.
 */
export function isLeftover(name: string, alive: (pid: number) => boolean): boolean {
  const pid = /_p(\d+)_[0-9a-f]+$/.exec(name)?.[1];
  return pid !== undefined && !alive(Number(pid));
}

const isAlive = (pid: number) => existsSync(`/proc/${pid}`);

/**
 * Drops bench databases an interrupted run left behind (e.g. the servers stopped under it). Left
 * alone: one whose bench process still runs (another bench on this machine: its database exists
 * for a moment before anything connects to it), and, with no FORCE, one someone is connected to.
 */
export async function dropLeftoverDatabases(): Promise<string[]> {
  return admin(async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'chatops\\_bench\\_%'`,
    );
    const dropped: string[] = [];
    for (const { datname } of rows) {
      if (!isLeftover(datname, isAlive)) continue;
      const ok = await c.query(`DROP DATABASE IF EXISTS "${datname}"`).then(
        () => true,
        () => false,
      );
      if (ok) dropped.push(datname);
    }
    return dropped;
  });
}

/** PostgreSQL's counters for one database (committed transactions, rows read and written). */
export async function pgCounters(database: string): Promise<Record<string, number>> {
  const { rows } = await admin((c) =>
    c.query<Record<string, string>>(
      'SELECT xact_commit, tup_returned, tup_fetched, tup_inserted, tup_updated FROM pg_stat_database WHERE datname = $1',
      [database],
    ),
  );
  return Object.fromEntries(Object.entries(rows[0] ?? {}).map(([k, v]) => [k, Number(v)]));
}

let postmaster: Promise<number> | undefined;

/**
 * The pid of the shared PostgreSQL's postmaster (the parent of any backend of it), so CPU can be
 * attributed to its processes only, not to every `postgres` process on the machine.
 */
export function postmasterPid(): Promise<number> {
  postmaster ??= admin(async (c) => {
    const { rows } = await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const ppid = parentPid(Number(rows[0]?.pid));
    if (ppid <= 1) throw new Error('cannot find the PostgreSQL postmaster (is the server on another machine?)');
    return ppid;
  });
  return postmaster;
}

/** Bytes the delivery tables (Delivery, DeliveryAttempt, their indexes and TOAST) take in one database. */
export async function deliveryTableBytes(db: Db): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ bytes: bigint | number }[]>(
    `SELECT pg_total_relation_size('"Delivery"') + pg_total_relation_size('"DeliveryAttempt"') AS bytes`,
  );
  return Number(rows[0]?.bytes ?? Number.NaN);
}
