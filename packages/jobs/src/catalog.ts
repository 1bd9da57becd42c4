import { type BackoffOptions, type BackoffStrategy, Backoffs, type DefaultJobOptions } from 'bullmq';
import { type z } from 'zod';
import { QueueName } from './queue-names';
import { chatopsRunJobSchema } from './schemas/chatops-run-job';
import { commandJobSchema } from './schemas/command-job';
import { deliveryJobSchema } from './schemas/delivery-job';
import { eventJobSchema } from './schemas/event-job';
import { incidentJobSchema } from './schemas/incident-job';
import { alertPollJobSchema } from './schemas/alert-poll-job';

interface JobContract {
  schema: z.ZodObject;
  /** Retry and retention policy for jobs of this queue. */
  defaults: DefaultJobOptions;
}

// Completed jobs are dropped quickly (their outcome lives in PostgreSQL); failed ones are kept a
// week for inspection. Both bounds keep Redis memory flat under sustained load.
const retention = { removeOnComplete: { age: 60, count: 1000 }, removeOnFail: { age: 7 * 24 * 3600, count: 10000 } };
// The notification queues carry every event: a completed one is removed at once, so Redis goes
// back to its baseline when a burst has drained (an event job holds GitLab's whole payload; what
// became of it is the deliveries' record in PostgreSQL).
const notificationRetention = { ...retention, removeOnComplete: true };

/**
 * The notification queues' backoff: doubling from `delay`, each wait at most RETRY_WAIT_CAP_MS,
 * with the queue's jitter. Their failures are outages (Slack or Mattermost down, PostgreSQL down)
 * that last minutes to an hour: plain doubling would leave half-hour gaps by then, so a message
 * could arrive long after its chat came back.
 */
export const CAPPED_EXPONENTIAL = 'capped-exponential';
/** The longest wait between two tries of a notification job: a chat that came back gets its backlog within this. */
export const RETRY_WAIT_CAP_MS = 5 * 60_000;
/**
 * Tries of a notification job: waits of 1, 2, 4 … 256 s, then ten of 5 min: about an hour of
 * outage (45–60 min with the deliveries' jitter) before the job fails for good and waits in the
 * dead-letter view for a replay.
 */
const NOTIFICATION_ATTEMPTS = 20;

/** One contract per queue: the payload schema and how its jobs retry. */
export const jobCatalog = {
  [QueueName.Events]: {
    schema: eventJobSchema,
    defaults: {
      attempts: NOTIFICATION_ATTEMPTS,
      backoff: { type: CAPPED_EXPONENTIAL, delay: 1000 },
      ...notificationRetention,
    },
  },
  [QueueName.Deliveries]: {
    schema: deliveryJobSchema,
    defaults: {
      attempts: NOTIFICATION_ATTEMPTS,
      backoff: { type: CAPPED_EXPONENTIAL, delay: 1000, jitter: 0.5 },
      ...notificationRetention,
    },
  },
  // A slash command runs at most once: it may create an issue or start a deployment, so a crash
  // mid-command must not repeat it (the user sees no answer and can run it again).
  [QueueName.Commands]: {
    schema: commandJobSchema,
    defaults: { attempts: 1, ...retention },
  },
  // Reading a job's status is safe to repeat; the output is only useful within the response_url window.
  [QueueName.ChatOpsRuns]: {
    schema: chatopsRunJobSchema,
    defaults: { attempts: 5, backoff: { type: 'exponential', delay: 2000, jitter: 0.5 }, ...retention },
  },
  // An incident action runs at most once, like a slash command: it may create or close an
  // incident, so a crash mid-action must not repeat it (the user is told when it fails).
  [QueueName.Incidents]: {
    schema: incidentJobSchema,
    defaults: { attempts: 1, ...retention },
  },
  // A failed round is not retried: the next one, an interval later, polls from the same cursors.
  [QueueName.AlertPolls]: {
    schema: alertPollJobSchema,
    defaults: { attempts: 1, ...retention },
  },
} as const satisfies Record<QueueName, JobContract>;

/** The validated payload a worker receives. */
export type JobData<Q extends QueueName> = z.output<(typeof jobCatalog)[Q]['schema']>;
/** What a producer passes to `enqueue`: everything but the envelope, which `enqueue` fills in. */
export type JobInput<Q extends QueueName> = Omit<z.input<(typeof jobCatalog)[Q]['schema']>, 'meta'> & {
  meta?: { requestId?: string };
};

/** The wait after `attemptsMade` failed tries under CAPPED_EXPONENTIAL: 2^(n-1) × delay, capped, then jittered down by up to `jitter`. */
function cappedExponentialDelayMs(delay: number, jitter: number, attemptsMade: number): number {
  const wait = Math.min(RETRY_WAIT_CAP_MS, 2 ** Math.max(0, attemptsMade - 1) * delay);
  return jitter > 0 ? Math.floor(wait * (1 - jitter) + Math.random() * wait * jitter) : wait;
}

/** What workers give BullMQ for the backoff types it does not know (only CAPPED_EXPONENTIAL). */
export const backoffStrategy: BackoffStrategy = (attemptsMade, type, _error, job) => {
  const backoff = Backoffs.normalize(job?.opts.backoff ?? 0) as BackoffOptions | undefined;
  if (type !== CAPPED_EXPONENTIAL || !backoff?.delay) throw new Error(`unknown backoff type ${String(type)}`);
  return cappedExponentialDelayMs(backoff.delay, backoff.jitter ?? 0, attemptsMade);
};

/**
 * The wait before the next try after `attemptsMade` failed tries, by the queue's backoff, computed
 * as its workers would. For a first try made outside the queue, whose retry is enqueued with this delay.
 */
export function retryDelayMs(name: QueueName, attemptsMade: number): number {
  const backoff = Backoffs.normalize((jobCatalog[name].defaults as DefaultJobOptions).backoff ?? 0);
  if (!backoff?.delay) return 0;
  // The strategy reads delay and jitter off the job, as it does for a worker's job.
  const job = { opts: { backoff } } as never;
  return Number(Backoffs.calculate(backoff, attemptsMade, new Error('retry'), job, backoffStrategy)) || 0;
}

/**
 * Tries a delivery has had, as a new deliveries job counts them (`priorAttempts`): at most all but
 * one of the queue's attempts, so the job always gets a try of its own.
 */
export function priorDeliveryAttempts(tried: number): number {
  return Math.min(tried, jobCatalog[QueueName.Deliveries].defaults.attempts - 1);
}
