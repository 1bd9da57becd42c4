import { Redis } from 'ioredis';

/**
 * Connection for producers (the gateway): fail fast instead of queueing commands while Redis is
 * down, so a webhook is answered 503 (and retried by GitLab) rather than held or acknowledged.
 * Commands issued in the same event-loop turn (many requests' `queue.add`) go to Redis in one
 * write: one syscall and one Redis read for the lot instead of one each. Producers send no
 * blocking commands, which auto-pipelining would hold up; workers' connections keep it off.
 */
export function createProducerConnection(url: string): Redis {
  return new Redis(url, {
    enableAutoPipelining: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    commandTimeout: 2000,
    connectTimeout: 2000,
    lazyConnect: false,
  });
}

/** Connection for workers: BullMQ requires blocking commands to wait as long as it takes. */
export function createWorkerConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}
