import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { benchEnv } from './config';

export function redisClient(): Redis {
  const client = new Redis(benchEnv.redisUrl, { maxRetriesPerRequest: 3 });
  // Failures surface on the commands; without a listener ioredis also prints each reconnect attempt.
  client.on('error', () => undefined);
  return client;
}

/** Every bench prefix starts with this, so leftovers of an interrupted run can be found. */
export const BENCH_PREFIX = 'bench';

export function uniquePrefix(label: string): string {
  return `${BENCH_PREFIX}-${label}-${randomBytes(3).toString('hex')}`;
}

/** Deletes every key matching a pattern (UNLINK in batches); returns how many went. */
export async function deleteKeys(pattern: string): Promise<number> {
  const redis = redisClient();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 5000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

export const deletePrefix = (prefix: string) => deleteKeys(`${prefix}:*`);

/** Redis `INFO memory` used_memory, in bytes. */
export async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? Number.NaN);
}

/** Keys under a prefix grouped by what follows the queue name (wait list, job hashes, dedupe keys…). */
export async function keyCensus(redis: Redis, prefix: string): Promise<Record<string, number>> {
  const census: Record<string, number> = {};
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 5000);
    cursor = next;
    for (const key of keys) {
      const [, queue = '', kind = ''] = key.split(':');
      const group = `${queue}:${/^[0-9a-f-]{20,}$|^c[a-z0-9]{20,}$/.test(kind) ? '<job>' : kind}`;
      census[group] = (census[group] ?? 0) + 1;
    }
  } while (cursor !== '0');
  return census;
}

/**
 * Jobs of BullMQ queues not finished yet (waiting, active, paused, delayed, prioritized), read in
 * one MULTI: a job moving from one queue to the next (an event routed into a delivery) is seen in
 * exactly one of them, never in neither.
 */
export async function queueBacklog(redis: Redis, prefix: string, ...queues: string[]): Promise<number> {
  const multi = redis.multi();
  for (const queue of queues) {
    const k = (kind: string) => `${prefix}:${queue}:${kind}`;
    multi.llen(k('wait')).llen(k('active')).llen(k('paused')).zcard(k('delayed')).zcard(k('prioritized'));
  }
  const replies = (await multi.exec()) ?? [];
  let total = 0;
  for (const [error, count] of replies) {
    if (error) throw error;
    total += Number(count);
  }
  return total;
}
