import { randomBytes } from 'node:crypto';
import { createProducerConnection, JobQueues } from '@chatops/jobs';
import { Redis } from 'ioredis';
import { testInfra } from './infra';

/**
 * A queue prefix no other test uses, so tests share one Redis without seeing each other's jobs.
 * It is a Redis Cluster hash tag, as QUEUE_PREFIX must be on a cluster (docs/scale-out.md), so the
 * whole suite runs with one: every key of a test in one slot, braces in every key.
 */
export function uniquePrefix(label: string): string {
  return `{test-${label}-${randomBytes(4).toString('hex')}}`;
}

/** Deletes every key under a prefix (BullMQ writes `<prefix>:<queue>:…`). */
export async function deletePrefix(prefix: string): Promise<void> {
  const redis = new Redis(testInfra().redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Producer-side queues under a prefix of their own, to look at what the code under test enqueued. */
export interface QueueInspector {
  prefix: string;
  queues: JobQueues;
  /** The queues' connection, for other keys under the prefix. */
  redis: Redis;
  /** Closes the queues and deletes every key under the prefix. */
  close(): Promise<void>;
}

export function openQueueInspector(label: string): QueueInspector {
  const prefix = uniquePrefix(label);
  const connection = createProducerConnection(testInfra().redisUrl);
  // Closed while still connecting (a short test), ioredis reports its failed ready check as an
  // error event; without a listener that lands on the console as "Unhandled error event".
  connection.on('error', () => undefined);
  const queues = new JobQueues(connection, prefix);
  return {
    prefix,
    queues,
    redis: connection,
    async close() {
      await queues.close();
      connection.disconnect();
      await deletePrefix(prefix);
    },
  };
}
