import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';

/**
 * A connection to Redis: one server, or a Redis Cluster (REDIS_CLUSTER). Everything chatops sends
 * works on either, given a QUEUE_PREFIX with a hash tag on a cluster (docs/scale-out.md).
 */
export type RedisConnection = Redis | Cluster;

/** Where Redis is: REDIS_URL, and whether it names a node of a cluster (REDIS_CLUSTER). */
export interface RedisTarget {
  /** Whether `url` is one node of a Redis Cluster, from which the client discovers the others. */
  cluster?: boolean;
}

/**
 * Connection for producers (the gateway): fail fast instead of queueing commands while Redis is
 * down, so a webhook is answered 503 (and retried by GitLab) rather than held or acknowledged.
 * No auto-pipelining: ioredis builds a Pipeline object per event-loop turn that copies every
 * defined script (BullMQ defines dozens), and a request's commands seldom share a turn, so it
 * cost more than it batched (docs/benchmarks.md#findings-2026-12-07-auto-pipelining-leases-and-a-model-fitted-to-light-load):
 * without it the gateway spent a third less CPU per webhook at 200/s; the Pipeline objects it
 * kept alive until their replies were being promoted and collected by full GCs.
 */
export function createProducerConnection(url: string, target?: { cluster?: false }): Redis;
export function createProducerConnection(url: string, target: RedisTarget): RedisConnection;
export function createProducerConnection(url: string, target: RedisTarget = {}): RedisConnection {
  const perNode: RedisOptions = { maxRetriesPerRequest: 1, commandTimeout: 2000, connectTimeout: 2000 };
  if (target.cluster) return connectCluster(url, perNode, { enableOfflineQueue: false, lazyConnect: false });
  return new Redis(url, { ...perNode, enableOfflineQueue: false, lazyConnect: false });
}

/** Connection for workers: BullMQ requires blocking commands to wait as long as it takes. */
export function createWorkerConnection(url: string, target?: { cluster?: false }): Redis;
export function createWorkerConnection(url: string, target: RedisTarget): RedisConnection;
export function createWorkerConnection(url: string, target: RedisTarget = {}): RedisConnection {
  const perNode: RedisOptions = { maxRetriesPerRequest: null };
  return target.cluster ? connectCluster(url, perNode, {}) : new Redis(url, perNode);
}

/**
 * A cluster client seeded with the node `url` names (the client asks it for the others). The
 * URL's credentials and TLS (`rediss://`) apply to every node; a cluster has only database 0,
 * which the configuration checks.
 */
function connectCluster(url: string, perNode: RedisOptions, options: ClusterOptions): Cluster {
  const parsed = new URL(url);
  const seed = { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(parsed.port || 6379) };
  return new Cluster([seed], {
    ...options,
    redisOptions: {
      ...perNode,
      ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
      ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
      ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    },
  });
}
