import { isAppError } from '@chatops/errors';
import { extractTraceContext, type Logger, withSpan } from '@chatops/observability';
import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import { backoffStrategy, jobCatalog, type JobData } from './catalog';
import { type RedisConnection } from './connections';
import { type JobMetrics } from './job-metrics';
import { type QueueName } from './queue-names';

export interface JobContext {
  jobId: string;
  /** 1 on the first try. */
  attempt: number;
  log: Logger;
  job: Job;
}

export type JobHandler<Q extends QueueName> = (data: JobData<Q>, context: JobContext) => Promise<void>;

export interface WorkerOptions {
  connection: RedisConnection;
  prefix: string;
  logger: Logger;
  concurrency?: number;
  metrics?: JobMetrics;
  /** Start paused; call `worker.run()` later (tests use this to control timing). */
  autorun?: boolean;
  /**
   * How long a job stays locked to this worker without a heartbeat; a crashed worker's jobs are
   * taken over after about this long (BullMQ's default: 30 s).
   */
  lockDurationMs?: number;
}

/**
 * The consumer side of a job contract. Data is validated on arrival: a job that does not match
 * its schema fails permanently (UnrecoverableError) and is logged, never retried. Handler errors:
 * - an AppError with `retryable: false` stops at once;
 * - a retryable AppError with `retryAfterMs` (a provider's Retry-After) waits exactly that long,
 *   without using up an attempt;
 * - anything else is retried with the queue's backoff until attempts run out.
 * A job that fails for good releases its dedupe key, so the same event can be sent again.
 */
export function defineWorker<Q extends QueueName>(name: Q, handler: JobHandler<Q>, options: WorkerOptions): Worker {
  const schema = jobCatalog[name].schema;
  const { metrics } = options;

  const processor = async (job: Job, token?: string): Promise<void> => {
    const bindings = { queue: name, jobId: job.id, attempt: job.attemptsMade + 1 };
    const parsed = schema.safeParse(job.data);
    if (!parsed.success) {
      options.logger
        .child(bindings)
        .error({ issues: parsed.error.issues }, 'job data does not match its contract; failing permanently');
      metrics?.processed.inc({ queue: name, outcome: 'invalid' });
      throw new UnrecoverableError(`invalid_job_data: ${parsed.error.message}`);
    }
    const data = parsed.data as JobData<Q>;
    // One child logger per job (every job pays for it, most never log).
    const requestLog = options.logger.child(
      data.meta.requestId ? { ...bindings, requestId: data.meta.requestId } : bindings,
    );
    metrics?.queueLatency.observe({ queue: name }, Math.max(0, Date.now() - dueAt(job, data.meta.enqueuedAt)) / 1000);
    const endTimer = metrics?.duration.startTimer({ queue: name });

    try {
      await withSpan(
        `process ${name}`,
        { 'messaging.system': 'bullmq', 'messaging.destination.name': name, 'messaging.message.id': job.id ?? '' },
        () => handler(data, { jobId: job.id ?? '', attempt: job.attemptsMade + 1, log: requestLog, job }),
        extractTraceContext(data.meta.trace),
      );
      metrics?.processed.inc({ queue: name, outcome: 'completed' });
    } catch (error) {
      if (isAppError(error) && error.retryable && error.retryAfterMs !== undefined && token) {
        metrics?.processed.inc({ queue: name, outcome: 'delayed' });
        requestLog.info({ retryAfterMs: error.retryAfterMs, code: error.code }, 'job delayed as the other side asked');
        await job.moveToDelayed(Date.now() + error.retryAfterMs, token);
        throw new DelayedError();
      }
      const permanent = error instanceof UnrecoverableError || (isAppError(error) && !error.retryable);
      const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      metrics?.processed.inc({ queue: name, outcome: permanent || lastTry ? 'failed' : 'retry' });
      requestLog.warn({ err: error, permanent }, 'job failed');
      if (permanent || lastTry) await job.removeDeduplicationKey().catch(() => false);
      if (permanent && !(error instanceof UnrecoverableError)) {
        throw new UnrecoverableError(
          error instanceof Error ? `${(error as { code?: string }).code ?? 'error'}: ${error.message}` : String(error),
        );
      }
      throw error;
    } finally {
      endTimer?.();
    }
  };

  const worker = new Worker(name, processor, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency ?? 10,
    autorun: options.autorun ?? true,
    settings: { backoffStrategy },
    ...(options.lockDurationMs
      ? { lockDuration: options.lockDurationMs, stalledInterval: options.lockDurationMs }
      : {}),
  });
  worker.on('error', (error) => options.logger.error({ err: error, queue: name }, 'worker error'));
  return worker;
}

/**
 * When a job was due: when it was enqueued, or for a scheduler's job (whose data, envelope
 * included, was fixed when the schedule was set) the time its interval came.
 */
function dueAt(job: Job, enqueuedAt: number): number {
  // BullMQ zeroes `job.delay` when it promotes a delayed job; the options keep it.
  return job.repeatJobKey ? job.timestamp + (job.opts.delay ?? 0) : enqueuedAt;
}
