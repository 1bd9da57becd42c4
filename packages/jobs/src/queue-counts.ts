import { type JobQueues } from './job-queues';
import { ALL_QUEUES, type QueueName } from './queue-names';
import { orQueueUnavailable } from './queue-unavailable';

/** How many jobs of a queue are in each state that needs watching. */
export interface QueueCounts {
  name: QueueName;
  /** Waiting their turn: BullMQ's waiting, paused and prioritized jobs. */
  waiting: number;
  active: number;
  /** Waiting for a retry (or a scheduled time). */
  delayed: number;
  /** Failed for good, and still kept by the queue's retention. */
  failed: number;
}

/** Every queue's counts, in ALL_QUEUES order; `queue_unavailable` when Redis does not answer. */
export async function queueCounts(queues: Pick<JobQueues, 'queue' | 'whenConnected'>): Promise<QueueCounts[]> {
  await queues.whenConnected('count jobs');
  return orQueueUnavailable('could not count jobs', () =>
    Promise.all(
      ALL_QUEUES.map(async (name) => {
        // Asking for 'waiting' adds 'paused' (BullMQ keeps a paused queue's waiting jobs apart).
        const counts = await queues.queue(name).getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
        const count = (state: string) => counts[state] ?? 0;
        return {
          name,
          waiting: count('waiting') + count('paused') + count('prioritized'),
          active: count('active'),
          delayed: count('delayed'),
          failed: count('failed'),
        };
      }),
    ),
  );
}
