import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { createPrismaClient, type Db } from '@chatops/db';
import { Client } from 'pg';
import { benchEnv, ROOT } from './config';

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
  // The creating process's pid is in the name, so a later run drops only the databases of runs
  // that have ended (dropLeftoverDatabases), never those of a run still setting up beside it.
  const name = `chatops_bench_${label.replace(/\W/g, '_')}_p${process.pid}_${randomBytes(4).toString('hex')}`;
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
 * Drops bench databases an interrupted run left behind (e.g. the servers stopped under it): those
 * whose creating process (the pid in the name) is gone. No FORCE, so a database still in use is
 * left alone whatever its name says.
 */
export async function dropLeftoverDatabases(): Promise<string[]> {
  return admin(async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'chatops\\_bench\\_%'`,
    );
    const dropped: string[] = [];
    for (const { datname } of rows) {
      if (creatorAlive(datname)) continue;
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

/** Whether the process named in a bench database's name still runs (names without one: no). */
function creatorAlive(datname: string): boolean {
  const pid = Number(/_p(\d+)_[0-9a-f]+$/.exec(datname)?.[1]);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
