import { randomBytes } from 'node:crypto';
import { ErrorCode } from '@chatops/errors';
import { createLogger } from '@chatops/observability';
import { UnrecoverableError, type Worker } from 'bullmq';
import { PrivateRedisCluster } from '@chatops/test-support/redis-cluster';
import { waitFor } from '@chatops/test-support/wait';
import { createProducerConnection, createWorkerConnection, type RedisConnection } from './connections';
import { defineWorker } from './define-worker';
import { listFailedEvents, retryFailedEvent } from './failed-events';
import { JobQueues } from './job-queues';
import { queueCounts } from './queue-counts';
import { QueueName } from './queue-names';

const event = (eventKey: string) => ({
  endpointId: 'ep1',
  eventName: 'Push Hook',
  eventKey,
  receivedAt: new Date().toISOString(),
  payload: { object_kind: 'push' },
});

/**
 * Every queue operation chatops makes, against a real three-node Redis Cluster: with a hash tag in
 * the prefix each works, and every key touched, by our commands and inside BullMQ's scripts,
 * hashes to the prefix's one slot (so no command can ever span two). Without one, BullMQ's first
 * script is refused: hence QUEUE_PREFIX's rule with REDIS_CLUSTER (docs/scale-out.md).
 */
describe('job queues on a Redis Cluster', () => {
  const cluster = new PrivateRedisCluster();
  const connections: RedisConnection[] = [];
  const logger = createLogger({ service: 'test', level: 'silent' });

  function connect(kind: 'producer' | 'worker'): RedisConnection {
    const create = kind === 'producer' ? createProducerConnection : createWorkerConnection;
    const connection = create(cluster.url, { cluster: true });
    connection.on('error', () => undefined);
    connections.push(connection);
    return connection;
  }

  beforeAll(() => cluster.start(), 30_000);
  afterAll(async () => {
    for (const connection of connections) connection.disconnect();
    await cluster.stop();
  });

  it('refuses a prefix without a hash tag: BullMQ’s scripts span several slots', async () => {
    const queues = new JobQueues(connect('producer'), 'chatops');
    try {
      const failure = await queues.enqueue(QueueName.Events, event('untagged')).catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: ErrorCode.QueueUnavailable });
      // ioredis refuses it before Redis would (CROSSSLOT): the keys are not all in one slot.
      expect(String((failure as { cause?: unknown }).cause)).toMatch(/same slot|CROSSSLOT/);
    } finally {
      await queues.close();
    }
  });

  it('works every queue operation under a {tagged} prefix, all in one slot', async () => {
    const prefix = `{chatops-test-${randomBytes(4).toString('hex')}}`;
    const watch = await cluster.watchCommands();
    const queues = new JobQueues(connect('producer'), prefix, logger);
    const workers: Worker[] = [];
    try {
      await queues.whenConnected('start');
      const first = await queues.enqueue(QueueName.Events, event('k1'), { dedupe: { key: 'k1', ttlMs: 60_000 } });
      const again = await queues.enqueue(QueueName.Events, event('k1'), { dedupe: { key: 'k1', ttlMs: 60_000 } });
      expect(again).toEqual({ jobId: first.jobId, duplicate: true });
      await queues.enqueue(QueueName.Deliveries, { deliveryId: 'd-delayed' }, { delayMs: 60_000 });
      expect(await queues.requeue(QueueName.Deliveries, { deliveryId: 'd-delayed' }, 'd-delayed')).toEqual({
        jobId: 'd-delayed',
        duplicate: false,
      });
      await queues.schedule(QueueName.AlertPolls, 'alert-polls', 60_000, {});

      // Routing fails for good: listed as a failed event, then sent through again and done.
      let failing = true;
      const routed: string[] = [];
      const options = { connection: connect('worker'), prefix, logger, concurrency: 2 };
      workers.push(
        defineWorker(
          QueueName.Events,
          async (data) => {
            if (failing) throw new UnrecoverableError('boom');
            routed.push(data.eventKey);
          },
          options,
        ),
        defineWorker(QueueName.Deliveries, async () => undefined, options),
      );
      await waitFor(async () => (await listFailedEvents(queues, 10)).length === 1, {
        timeoutMs: 20_000,
        what: 'the event to fail for good',
      });
      failing = false;
      expect(await retryFailedEvent(queues, first.jobId)).toBe('retried');
      await waitFor(() => routed.includes('k1'), { timeoutMs: 10_000, what: 'the retried event to be routed' });
      const counts = await queueCounts(queues);
      expect(counts.find((c) => c.name === QueueName.Events)).toMatchObject({ failed: 0, waiting: 0 });
    } finally {
      await Promise.all(workers.map((worker) => worker.close()));
      await queues.close();
      await watch.stop();
    }

    const report = await watch.report(cluster.url);
    expect(report.crossSlot).toEqual([]);
    const [slot] = new Set(report.slots.values());
    expect({ slots: new Set(report.slots.values()), outsidePrefix: keysOutside(report.slots, prefix) }).toEqual({
      slots: new Set([slot]),
      outsidePrefix: [],
    });
    // BullMQ's scripts (add, move to active / completed / failed, retry…) were among them.
    expect(report.multiKey).toBeGreaterThan(10);
  }, 60_000);
});

function keysOutside(slots: Map<string, number>, prefix: string): string[] {
  return [...slots.keys()].filter((key) => !key.startsWith(`${prefix}:`));
}
