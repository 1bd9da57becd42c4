import { ErrorCode } from '@chatops/errors';
import { testInfra } from '@chatops/test-support/infra';
import { deletePrefix, uniquePrefix } from '@chatops/test-support/redis';
import { createProducerConnection } from './connections';
import { JobQueues } from './job-queues';
import { queueCounts } from './queue-counts';
import { ALL_QUEUES, QueueName } from './queue-names';

describe('queueCounts (real Redis)', () => {
  const prefix = uniquePrefix('counts');
  const connection = createProducerConnection(testInfra().redisUrl);
  const queues = new JobQueues(connection, prefix);

  afterAll(async () => {
    await queues.close();
    connection.disconnect();
    await deletePrefix(prefix);
  });

  it('counts every queue, paused and prioritized jobs among the waiting', async () => {
    const deliveries = queues.queue(QueueName.Deliveries);
    await queues.enqueue(QueueName.Deliveries, { deliveryId: 'd1' });
    await deliveries.add(
      QueueName.Deliveries,
      { deliveryId: 'd2', meta: { trace: {}, enqueuedAt: 1 } },
      { priority: 1 },
    );
    await queues.enqueue(QueueName.Deliveries, { deliveryId: 'd3' }, { delayMs: 60_000 });
    await queues.queue(QueueName.Commands).pause();
    await queues.queue(QueueName.Commands).add('c', {});
    const counts = await queueCounts(queues);
    expect(counts.map((c) => c.name)).toEqual(ALL_QUEUES);
    expect(counts.find((c) => c.name === QueueName.Deliveries)).toEqual({
      name: QueueName.Deliveries,
      waiting: 2,
      active: 0,
      delayed: 1,
      failed: 0,
    });
    expect(counts.find((c) => c.name === QueueName.Commands)).toMatchObject({ waiting: 1 });
  });

  it('fails fast with queue_unavailable when Redis is unreachable', async () => {
    const down = createProducerConnection('redis://127.0.0.1:1');
    down.on('error', () => undefined);
    const unreachable = new JobQueues(down, prefix);
    try {
      await expect(queueCounts(unreachable)).rejects.toMatchObject({ code: ErrorCode.QueueUnavailable });
    } finally {
      await unreachable.close();
      down.disconnect();
    }
  });
});
