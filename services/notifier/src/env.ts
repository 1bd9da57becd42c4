import {
  commonEnvShape,
  httpUrl,
  outboundEnvShape,
  port,
  positiveInt,
  redisClusterRule,
  slackApiUrl,
} from '@chatops/config';
import { QueueName } from '@chatops/jobs';
import { z } from 'zod';

/** The queues a notifier process can work. */
const NOTIFIER_QUEUES = [QueueName.Events, QueueName.Deliveries] as const;

export const notifierEnvSchema = z
  .object({
    ...commonEnvShape,
    /** Internal hosts deliveries may be posted to (self-hosted Mattermost on a private network). */
    ...outboundEnvShape,
    /** Health, readiness and metrics. */
    NOTIFIER_PORT: port(3002),
    /** GitLab's base URL for API lookups; defaults to the origin of each project's web URL. */
    GITLAB_URL: httpUrl().optional(),
    /** Slack Web API base URL; tests and demos point it at a local fake. */
    SLACK_API_URL: slackApiUrl(),
    /**
     * Which queues this process works (comma separated): both by default. Run `events` and
     * `deliveries` processes apart to scale routing and chat posting on their own.
     */
    NOTIFIER_QUEUES: z
      .string()
      .default(NOTIFIER_QUEUES.join(','))
      .transform((value) => [
        ...new Set(
          value
            .split(',')
            .map((name) => name.trim())
            .filter((name) => name !== ''),
        ),
      ])
      .pipe(
        z
          .array(z.enum(NOTIFIER_QUEUES, { error: `each must be one of: ${NOTIFIER_QUEUES.join(', ')}` }))
          .min(1, { error: 'name at least one queue' }),
      ),
    /**
     * Events routed at once by one process. Where the process also works `deliveries`, the routing
     * job makes the first post itself, so this also bounds those posts in flight.
     */
    NOTIFIER_EVENT_CONCURRENCY: positiveInt(50),
    /** Chat posts in flight at once in one process (they mostly wait on the network). */
    NOTIFIER_DELIVERY_CONCURRENCY: positiveInt(50),
    /** How soon a crashed notifier's jobs are taken over by another (BullMQ job lock). */
    NOTIFIER_JOB_LOCK_MS: positiveInt(30_000),
    /** Sustained posts per second per channel, across all replicas (Slack allows about 1). */
    NOTIFIER_CHANNEL_RATE_PER_SECOND: z.coerce.number().positive().default(1),
    /** How often one notifier replica looks for orphaned deliveries (docs/delivery.md#the-sweeper). */
    NOTIFIER_SWEEP_INTERVAL_MS: positiveInt(60_000),
    /**
     * A delivery unfinished this long after it was planned or last claimed, with no job holding it,
     * is orphaned: well beyond a job lock, a post's timeout and a retry's backoff.
     */
    NOTIFIER_SWEEP_STALE_AFTER_MS: positiveInt(600_000),
    /**
     * Days the delivery log keeps a finished delivery and its attempts; 0 keeps them forever. The
     * sweeper's turn deletes older ones (docs/operations.md#delivery-retention).
     */
    DELIVERY_RETENTION_DAYS: z.coerce.number().int().min(0).default(30),
    /** Posts a quiet channel may take at once before pacing starts. */
    NOTIFIER_CHANNEL_BURST: positiveInt(20),
  })
  .superRefine(redisClusterRule);

export type NotifierEnv = z.output<typeof notifierEnvSchema>;
