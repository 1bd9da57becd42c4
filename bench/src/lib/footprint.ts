import { type Redis } from 'ioredis';
import { deliveryTableBytes } from './database';
import { openLoop } from './open-loop';
import { eventKey, newTag, WebhookFactory } from './payload';
import { type PidGroups, rssMb } from './processes';
import { redisClient, usedMemory } from './redis';
import { type Stack } from './stack';
import { round } from './stats';
import { type StorageCosts } from './capacity-model';

/**
 * Memory of a world's process groups in MB: resident memory of the Node processes and of
 * redis-server (the whole server), private memory (RssAnon: no shared buffers) of the PostgreSQL
 * processes working for the run's database. The bench process is left out.
 */
export function memoryOf(groups: PidGroups): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, pids] of Object.entries(groups)) {
    if (name.startsWith('bench')) continue;
    let mb = 0;
    for (const pid of pids()) {
      try {
        // NaN for a process exiting meanwhile (a zombie has no memory lines).
        const own = rssMb(pid, name === 'postgres' ? 'RssAnon' : 'VmRSS');
        if (Number.isFinite(own)) mb += own;
      } catch {
        // gone meanwhile
      }
    }
    out[name] = round(mb, 1);
  }
  return out;
}

/** Peak memory per group (and Redis used_memory) while it runs, sampled every `everyMs`. */
export function memoryPeaks(groups: PidGroups, everyMs = 500): { stop(): Promise<Record<string, number>> } {
  const redis = redisClient();
  const peak: Record<string, number> = {};
  const keep = (values: Record<string, number>) => {
    for (const [k, v] of Object.entries(values)) peak[k] = Math.max(peak[k] ?? 0, v);
  };
  const sample = async () => {
    keep(memoryOf(groups));
    keep({ 'redis used_memory': round((await usedMemory(redis).catch(() => 0)) / 2 ** 20, 1) });
  };
  void sample();
  const timer = setInterval(() => void sample(), everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await sample();
      redis.disconnect();
      return peak;
    },
  };
}

const EVENTS = 2000;

async function meanMemoryUsage(redis: Redis, keys: string[]): Promise<number> {
  if (keys.length === 0) return Number.NaN;
  const sizes = await Promise.all(keys.map((k) => redis.memory('USAGE', k)));
  return sizes.reduce<number>((sum, s) => sum + Number(s ?? 0), 0) / keys.length;
}

/**
 * What the stores hold per event, from a chatops stack that has delivered events (call last: it
 * stops the notifier). PostgreSQL: the delivery tables' size ÷ their deliveries. Redis: with the
 * notifier stopped, EVENTS webhooks through the gateway, then MEMORY USAGE of queued jobs and of
 * dedupe keys (a queued event is its job hash and its dedupe key; the wait-list entry, some 50
 * bytes, is left out).
 */
export async function storageCosts(stack: Stack): Promise<StorageCosts> {
  const deliveries = await stack.database.db.delivery.count();
  const postgresBytesPerEvent = (await deliveryTableBytes(stack.database.db)) / Math.max(1, deliveries);
  for (const notifier of stack.notifiers) await notifier.stop();
  const factory = new WebhookFactory(stack.endpoints[0]!);
  const tag = newTag();
  await openLoop({
    url: stack.gateway.url,
    rate: 500,
    durationS: EVENTS / 500,
    build: (seq) => factory.build(eventKey(tag, seq)),
  });
  const redis = redisClient();
  try {
    const jobIds = await redis.lrange(`${stack.prefix}:events:wait`, 0, 99);
    const job = await meanMemoryUsage(
      redis,
      jobIds.map((id) => `${stack.prefix}:events:${id}`),
    );
    const dedupeKeys: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${stack.prefix}:events:de:*`, 'COUNT', 1000);
      cursor = next;
      dedupeKeys.push(...keys);
    } while (cursor !== '0' && dedupeKeys.length < 100);
    const dedupe = await meanMemoryUsage(redis, dedupeKeys.slice(0, 100));
    return {
      redisBytesPerQueuedEvent: round(job + dedupe),
      redisBytesPerDedupeKey: round(dedupe),
      postgresBytesPerEvent: round(postgresBytesPerEvent),
    };
  } finally {
    redis.disconnect();
  }
}
