import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { PrismaClient } from './generated/prisma/client';
import { sendStatementsUnnamed } from './statement-names';

export type Db = PrismaClient;

/** node-postgres's pool, for the few hot-path statements that skip Prisma (see queries/deliveries.ts). */
export type SqlPool = Pool;

/**
 * The Prisma client over node-postgres (Prisma's JavaScript engine: no native binary to fetch).
 * Construct once per process, in the service's composition root.
 */
export function createPrismaClient(databaseUrl: string, options: { poolSize?: number } = {}): Db {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.poolSize ?? 10 });
  return new PrismaClient({ adapter });
}

/** Prisma and the raw pool over the same connections: a service holds one pool, not two. */
export interface Database {
  db: Db;
  sql: SqlPool;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** Connections in the pool (DATABASE_POOL_SIZE). */
  poolSize?: number;
  onIdleClientError?: (error: Error) => void;
  /**
   * Whether the hot-path statements may be named prepared statements (DATABASE_PREPARED_STATEMENTS;
   * default true). False behind a pooler in transaction mode that does not track them: PgBouncer
   * before 1.21, or with `max_prepared_statements = 0` (docs/scale-out.md).
   */
  preparedStatements?: boolean;
}

export function createDatabase(databaseUrl: string, options: DatabaseOptions = {}): Database {
  const sql = new Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10 });
  if (options.preparedStatements === false) sendStatementsUnnamed(sql);
  // An idle connection dropped by the server emits 'error' on the pool; unheard, it would crash the process.
  sql.on('error', (error) => options.onIdleClientError?.(error));
  const db = new PrismaClient({ adapter: new PrismaPg(sql) });
  return {
    db,
    sql,
    async close() {
      await db.$disconnect();
      await sql.end();
    },
  };
}
