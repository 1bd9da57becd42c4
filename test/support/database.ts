import { randomBytes } from 'node:crypto';
import { createDatabase, type Db, type SqlPool } from '@chatops/db';
import { asAdmin, dropDatabase } from './postgres-admin';
import { databaseUrlFor, templateDatabase, testDatabasePrefix, testInfra } from './infra';

export interface TestDatabase {
  name: string;
  url: string;
  db: Db;
  /** The pool under `db`, for the statements that skip Prisma. */
  sql: SqlPool;
  /**
   * An outage of this database: new sessions refused and every open one ended (the pool of
   * `db`/`sql` included). The returned function lets sessions in again.
   */
  cutOff(): Promise<() => Promise<void>>;
  drop(): Promise<void>;
}

/** A fresh, fully migrated database of its own, copied from the run's template (or empty). */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `${testDatabasePrefix()}${randomBytes(6).toString('hex')}`;
  await asAdmin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${options.empty ? 'template0' : templateDatabase()}`));
  const url = databaseUrlFor(testInfra().databaseUrl, name);
  const database = createDatabase(url, { poolSize: 4 });
  return {
    name,
    url,
    db: database.db,
    sql: database.sql,
    async cutOff() {
      await asAdmin(async (c) => {
        await c.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false`);
        await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      });
      return () => asAdmin(async (c) => void (await c.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS true`)));
    },
    async drop() {
      await database.close();
      await dropDatabase(name);
    },
  };
}
