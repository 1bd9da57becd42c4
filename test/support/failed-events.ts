import { createWorkerConnection, type JobQueues, QueueName } from '@chatops/jobs';
import { type Queue, Worker } from 'bullmq';
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
 * Runs `run` while a worker fails every job of `queue` at once with `reason`, then stops the
 * worker: jobs added meanwhile with one attempt end failed for good, as the queue keeps them.
 */
export async function whileJobsFail<T>(queue: Queue, reason: string, run: () => Promise<T>): Promise<T> {
  const connection = createWorkerConnection(testInfra().redisUrl);
  // A short lock keeps BullMQ's leftover timers after close from holding jest open (bullmq#2650).
  const worker = new Worker(
    queue.name,
    async () => {
      throw new Error(reason);
    },
    { connection, prefix: queue.opts.prefix ?? '', lockDuration: 1000 },
  );
  try {
    return await run();
  } finally {
    await worker.close();
    connection.disconnect();
  }
}

/**
 * `events` jobs (ids `job-<key>`) that fail for good at once, in order, as routing does while
 * PostgreSQL is down through every try. Returns their ids.
 */
export function failEventJobs(queues: Pick<JobQueues, 'queue'>, keys: string[]): Promise<string[]> {
  const events = queues.queue(QueueName.Events);
  return whileJobsFail(events, 'database unavailable', async () => {
    const ids: string[] = [];
    for (const key of keys) {
      const job = await events.add(QueueName.Events, eventJobData(key), { attempts: 1, jobId: `job-${key}` });
      await waitFor(async () => (await job.getState()) === 'failed', { what: `${key} to fail` });
      ids.push(String(job.id));
    }
    return ids;
  });
}
