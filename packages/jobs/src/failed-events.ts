import { type JobQueues } from './job-queues';
import { QueueName } from './queue-names';
import { orQueueUnavailable, queueUnavailable } from './queue-unavailable';

const EVENTS_QUEUE_TROUBLE = 'could not read or change the events queue';

/** An `events` job that failed for good: GitLab's event, never turned into deliveries. */
export interface FailedEvent {
  jobId: string;
  endpointId: string;
  eventName: string;
  eventKey: string;
  receivedAt: string;
  /** The last error, as the worker reported it. */
  failedReason: string;
  attemptsMade: number;
  failedAt: string | null;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * Failed `events` jobs, newest first. The queue keeps them a week (the catalog's retention), so an
 * event that failed while PostgreSQL was down, say, can be looked at and sent through again.
 */
export async function listFailedEvents(queues: Pick<JobQueues, 'queue'>, limit: number): Promise<FailedEvent[]> {
  const jobs = await orQueueUnavailable(EVENTS_QUEUE_TROUBLE, () =>
    queues.queue(QueueName.Events).getFailed(0, limit - 1),
  );
  return jobs
    .filter((job) => job.id !== undefined)
    .sort((a, b) => (b.finishedOn ?? 0) - (a.finishedOn ?? 0))
    .map((job) => {
      const data = (job.data ?? {}) as Record<string, unknown>;
      return {
        jobId: String(job.id),
        endpointId: text(data.endpointId),
        eventName: text(data.eventName),
        eventKey: text(data.eventKey),
        receivedAt: text(data.receivedAt),
        failedReason: job.failedReason ?? '',
        attemptsMade: job.attemptsMade,
        failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      };
    });
}

export type RetryFailedEventResult = 'retried' | 'missing' | 'not_failed';

/**
 * Runs a failed `events` job again, with all its tries (BullMQ keeps its stall count, though: a job
 * that failed by stalling fails on its next stall). Deliveries it planned before failing are found
 * again (they are keyed on integration, event and channel), so nothing is posted twice.
 */
export async function retryFailedEvent(
  queues: Pick<JobQueues, 'queue'>,
  jobId: string,
): Promise<RetryFailedEventResult> {
  const queue = queues.queue(QueueName.Events);
  const job = await orQueueUnavailable(EVENTS_QUEUE_TROUBLE, () => queue.getJob(jobId));
  if (!job) return 'missing';
  if ((await orQueueUnavailable(EVENTS_QUEUE_TROUBLE, () => job.getState())) !== 'failed') return 'not_failed';
  try {
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    return 'retried';
  } catch (error) {
    // Retried by someone else, or dropped by retention, between the look and the move.
    const state = await queue.getJobState(jobId).catch(() => undefined);
    if (state === 'unknown') return 'missing';
    if (state !== undefined && state !== 'failed') return 'not_failed';
    throw queueUnavailable(EVENTS_QUEUE_TROUBLE, error);
  }
}
