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

/** Any client that can run a trivial query (the Prisma client's `$queryRaw`). */
export function databaseCheck(ping: () => Promise<unknown>): ReadinessCheck {
  return {
    name: 'postgres',
    check: async () => {
      await ping();
    },
  };
}
