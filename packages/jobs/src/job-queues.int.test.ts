import { AppError, ErrorCode } from '@chatops/errors';
import { Worker } from 'bullmq';
import { type Redis } from 'ioredis';
import { testInfra } from '@chatops/test-support/infra';
import { whileJobsFail } from '@chatops/test-support/failed-events';
import { deletePrefix, uniquePrefix } from '@chatops/test-support/redis';
import { sleep, waitFor } from '@chatops/test-support/wait';
import { createProducerConnection, createWorkerConnection } from './connections';
import { JobQueues } from './job-queues';
import { QueueName } from './queue-names';

const validEvent = {
  endpointId: 'ep1',
  eventName: 'Push Hook',
  eventKey: 'key-1',
  receivedAt: new Date().toISOString(),
  payload: { object_kind: 'push' },
};

describe('JobQueues (real Redis)', () => {
  let prefix: string;
  const connections: Redis[] = [];
  const queuesList: JobQueues[] = [];

  function replica(): JobQueues {
    const connection = createProducerConnection(testInfra().redisUrl);
    connections.push(connection);
    const queues = new JobQueues(connection, prefix);
    queuesList.push(queues);
    return queues;
  }

  /** A deliveries job under `jobId` that failed for good, as the queue keeps it. */
  async function failedDelivery(queues: JobQueues, jobId: string): Promise<void> {
    const queue = queues.queue(QueueName.Deliveries);
    await whileJobsFail(queue, 'boom', async () => {
      await queue.add(
        QueueName.Deliveries,
        { deliveryId: jobId, meta: { trace: {}, enqueuedAt: 1 } },
        { jobId, attempts: 1 },
      );
      await waitFor(async () => (await queue.getJobState(jobId)) === 'failed', { what: 'the job to fail' });
    });
  }

  beforeEach(() => {
    prefix = uniquePrefix('queues');
  });
  afterEach(async () => {
    await Promise.all(queuesList.splice(0).map((q) => q.close()));
    connections.splice(0).forEach((c) => c.disconnect());
    await deletePrefix(prefix);
  });

  it('stores a valid job with its envelope', async () => {
    const queues = replica();
    const result = await queues.enqueue(QueueName.Events, { ...validEvent, meta: { requestId: 'req-1' } });
    expect(result.duplicate).toBe(false);
    const job = await queues.queue(QueueName.Events).getJob(result.jobId);
    expect(job?.data).toMatchObject({ ...validEvent, meta: { requestId: 'req-1', trace: {} } });
    expect(typeof job?.data.meta.enqueuedAt).toBe('number');
  });

  it('requeues under a fixed id: never beside a live job, and in place of a failed one', async () => {
    const queues = replica();
    const delivery = { deliveryId: 'd-requeue' };
    const first = await queues.requeue(QueueName.Deliveries, delivery, 'd-requeue', { delayMs: 60_000 });
    expect(first).toEqual({ jobId: 'd-requeue', duplicate: false });
    expect(await queues.requeue(QueueName.Deliveries, delivery, 'd-requeue')).toEqual({
      jobId: 'd-requeue',
      duplicate: true,
    });
    expect(await queues.queue(QueueName.Deliveries).getJobState('d-requeue')).toBe('delayed');

    // A job failed for good is kept by the queue; a plain add under its id would be ignored.
    const job = await queues.queue(QueueName.Deliveries).getJob('d-requeue');
    await job?.remove();
    await failedDelivery(queues, 'd-requeue');
    expect(await queues.requeue(QueueName.Deliveries, delivery, 'd-requeue', { delayMs: 60_000 })).toEqual({
      jobId: 'd-requeue',
      duplicate: false,
    });
    expect(await queues.queue(QueueName.Deliveries).getJobState('d-requeue')).toBe('delayed');
  });

  it('lets one of several replicas racing to requeue the same failed job replace it; the others are told it is queued', async () => {
    const racers = [replica(), replica(), replica()];
    const queue = racers[0]!.queue(QueueName.Deliveries);
    await failedDelivery(racers[0]!, 'd-race');
    const results = await Promise.all(
      racers.map((queues) =>
        queues.requeue(QueueName.Deliveries, { deliveryId: 'd-race' }, 'd-race', { delayMs: 60_000 }),
      ),
    );
    expect(results.map((r) => r.duplicate).sort()).toEqual([false, true, true]);
    expect(await queue.getJobState('d-race')).toBe('delayed');
    // The claim is let go once the job is in: a later requeue sees the live job itself.
    expect(await racers[1]!.requeue(QueueName.Deliveries, { deliveryId: 'd-race' }, 'd-race')).toEqual({
      jobId: 'd-race',
      duplicate: true,
    });
  });

  it('checks the data before it removes the failed job it would replace: an invalid requeue leaves it in place', async () => {
    const queues = replica();
    const queue = queues.queue(QueueName.Deliveries);
    await failedDelivery(queues, 'd-invalid');
    await expect(
      queues.requeue(QueueName.Deliveries, { deliveryId: 'd-invalid', priorAttempts: -1 }, 'd-invalid'),
    ).rejects.toMatchObject({ code: ErrorCode.InvalidJobData });
    expect(await queue.getJobState('d-invalid')).toBe('failed');
  });

  it('dedupes one key across replicas, atomically', async () => {
    const [a, b] = [replica(), replica()];
    const dedupe = { key: 'gitlab:ep1:key-1', ttlMs: 60_000 };
    const results = await Promise.all([
      a.enqueue(QueueName.Events, validEvent, { dedupe }),
      b.enqueue(QueueName.Events, validEvent, { dedupe }),
      a.enqueue(QueueName.Events, validEvent, { dedupe }),
    ]);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.jobId)).size).toBe(1);
    expect(await a.queue(QueueName.Events).count()).toBe(1);
  });

  it('keeps deduping after the first job completed, until the key expires', async () => {
    const queues = replica();
    const dedupe = { key: 'gitlab:ep1:key-2', ttlMs: 1500 };
    const first = await queues.enqueue(QueueName.Events, validEvent, { dedupe });
    const connection = createWorkerConnection(testInfra().redisUrl);
    const worker = new Worker(QueueName.Events, async () => undefined, { connection, prefix });
    try {
      // Completed events jobs are deleted at once (catalog retention); the dedupe key outlives them.
      await waitFor(
        async () =>
          (await queues.queue(QueueName.Events).getJob(first.jobId)) === undefined &&
          (await queues.queue(QueueName.Events).count()) === 0,
        { what: 'completion' },
      );
    } finally {
      await worker.close();
      connection.disconnect();
    }
    expect((await queues.enqueue(QueueName.Events, validEvent, { dedupe })).duplicate).toBe(true);
    await sleep(1600);
    expect((await queues.enqueue(QueueName.Events, validEvent, { dedupe })).duplicate).toBe(false);
  });

  it('keeps deduping after retention trimmed the completed job', async () => {
    const queues = replica();
    const dedupe = { id: 'gitlab:ep1:key-trim', ttl: 60_000 };
    // The same add as enqueue's, but with the most aggressive retention: the job is deleted on completion.
    await queues
      .queue(QueueName.Events)
      .add(
        QueueName.Events,
        { ...validEvent, meta: { trace: {}, enqueuedAt: Date.now() } },
        { jobId: 'trimmed', deduplication: dedupe, removeOnComplete: true },
      );
    const connection = createWorkerConnection(testInfra().redisUrl);
    const worker = new Worker(QueueName.Events, async () => undefined, { connection, prefix });
    try {
      await waitFor(async () => (await queues.queue(QueueName.Events).getJob('trimmed')) === undefined, {
        what: 'the job to be trimmed',
      });
    } finally {
      await worker.close();
      connection.disconnect();
    }
    expect(
      (await queues.enqueue(QueueName.Events, validEvent, { dedupe: { key: dedupe.id, ttlMs: 60_000 } })).duplicate,
    ).toBe(true);
  });

  it('fails fast with queue_unavailable when Redis is unreachable', async () => {
    const connection = createProducerConnection('redis://127.0.0.1:1');
    connection.on('error', () => undefined);
    connections.push(connection);
    const queues = new JobQueues(connection, prefix);
    queuesList.push(queues);
    for (let i = 0; i < 2; i++) {
      const error = await queues.enqueue(QueueName.Events, validEvent).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: ErrorCode.QueueUnavailable, retryable: true });
      expect((error as Error).message).toMatch(/^could not enqueue events job: Redis is /);
    }
    // Scheduling says so, rather than "enqueue".
    await expect(queues.schedule(QueueName.AlertPolls, 'alert-polls', 400, {})).rejects.toThrow(
      /^could not schedule alert-polls jobs: Redis is /,
    );
  });

  it('schedules one job per interval however many replicas schedule it', async () => {
    const replicas = [replica(), replica(), replica()];
    await Promise.all(replicas.map((q) => q.schedule(QueueName.AlertPolls, 'alert-polls', 400, {})));
    // Again, as a restarted replica would: the slot is kept, nothing is added.
    await replicas[0]?.schedule(QueueName.AlertPolls, 'alert-polls', 400, {});
    const queue = replicas[0]?.queue(QueueName.AlertPolls);
    expect(await queue?.getJobSchedulersCount()).toBe(1);
    expect(await queue?.getJobCountByTypes('waiting', 'delayed', 'prioritized')).toBe(1);

    const runs: number[] = [];
    const connection = createWorkerConnection(testInfra().redisUrl);
    connections.push(connection);
    const worker = new Worker(QueueName.AlertPolls, async (job) => void runs.push(job.timestamp), {
      connection,
      prefix,
    });
    try {
      await sleep(1300);
    } finally {
      await worker.close();
    }
    // About three intervals: one job each, not one per replica.
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.length).toBeLessThanOrEqual(5);
    const job = (await queue?.getJobs(['completed']))?.[0];
    expect(job?.data).toMatchObject({ meta: { trace: {}, enqueuedAt: expect.any(Number) } });
  });
});
