import { type SqlPool } from '@chatops/db';
import { type RedisConnection } from '@chatops/jobs';
import { type ReadinessCheck } from './ops-routes';

export function redisCheck(redis: RedisConnection): ReadinessCheck {
  return {
    name: 'redis',
    check: async () => {
      await redis.ping();
    },
  };
}

/**
 * A trivial query on the raw pool, not through Prisma: probes come every few seconds, and a
 * service that is otherwise idle would load Prisma's query compiler (≈ 30 MB) for them.
 */
export function databaseCheck(sql: Pick<SqlPool, 'query'>): ReadinessCheck {
  return {
    name: 'postgres',
    check: async () => {
      await sql.query('SELECT 1');
    },
  };
}
