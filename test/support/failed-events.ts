import { createWorkerConnection, type JobQueues, QueueName } from '@chatops/jobs';
import { Worker } from 'bullmq';
import { testInfra } from './infra';
import { waitFor } from './wait';

/** An `events` job's data, for an event keyed `eventKey`. */
export const eventJobData = (eventKey: string) => ({
  endpointId: 'ep-1',
  eventName: 'Push Hook',
  eventKey,
  receivedAt: '2026-11-22T10:00:00.000Z',
  payload: { object_kind: 'push' },
  meta: { trace: {}, enqueuedAt: 1 },
});

/**
 * `events` jobs (ids `job-<key>`) that fail for good at once, in order, as routing does while
 * PostgreSQL is down through every try. Returns their ids.
 */
export async function failEventJobs(queues: Pick<JobQueues, 'queue'>, keys: string[]): Promise<string[]> {
  const events = queues.queue(QueueName.Events);
  const connection = createWorkerConnection(testInfra().redisUrl);
  const worker = new Worker(
    QueueName.Events,
    async () => {
      throw new Error('database unavailable');
    },
    { connection, prefix: events.opts.prefix ?? '' },
  );
  try {
    const ids: string[] = [];
    for (const key of keys) {
      const job = await events.add(QueueName.Events, eventJobData(key), { attempts: 1, jobId: `job-${key}` });
      await waitFor(async () => (await job.getState()) === 'failed', { what: `${key} to fail` });
      ids.push(String(job.id));
    }
    return ids;
  } finally {
    await worker.close();
    connection.disconnect();
  }
}
