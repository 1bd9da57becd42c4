import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode } from '@chatops/errors';
import { injectTraceContext, type Logger } from '@chatops/observability';
import { type JobsOptions, Queue } from 'bullmq';
import { type JobData, jobCatalog, type JobInput } from './catalog';
import { type RedisConnection } from './connections';
import { type QueueName } from './queue-names';
import { queueUnavailable } from './queue-unavailable';

/** Entries kept in each queue's BullMQ events stream. */
const EVENTS_STREAM_MAX_LEN = 1000;

/** Job states in which a job will still run. */
const LIVE_STATES = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

/**
 * How long a requeue's claim on a job id lasts at most: it is let go as soon as the job is in, and
 * only outlives a requeuer that died between claiming and adding.
 */
const REQUEUE_CLAIM_MS = 5000;
/** Deletes the claim only if it still holds this requeuer's token (KEYS[1] claim, ARGV[1] token). */
const RELEASE_CLAIM_SCRIPT =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

/** How long an enqueue waits for a Redis connection that is being (re)established. */
const CONNECT_WAIT_MS = 1000;

export interface EnqueueOptions {
  /**
   * Drop this job if another with the same key was enqueued within `ttlMs` (across all
   * producers: the check and the add are one atomic step in Redis).
   */
  dedupe?: { key: string; ttlMs: number };
  delayMs?: number;
  /** Defaults to a fresh UUID. */
  jobId?: string;
}

export interface EnqueueResult {
  jobId: string;
  /** True when the job was dropped because of `dedupe`; `jobId` is then the earlier job's. */
  duplicate: boolean;
}

/**
 * The producer side of the job contracts: one BullMQ queue per name, created on first use,
 * every payload validated against its schema before it reaches Redis.
 */
export class JobQueues {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    private readonly connection: RedisConnection,
    private readonly prefix: string,
    private readonly logger?: Logger,
  ) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: this.connection,
        prefix: this.prefix,
        defaultJobOptions: jobCatalog[name].defaults,
        // The events stream only feeds QueueEvents listeners (dashboards); BullMQ's default keeps
        // 10,000 entries per queue in Redis for good.
        streams: { events: { maxLen: EVENTS_STREAM_MAX_LEN } },
      });
      // Connection errors also surface on the failing `add`; without a listener they would crash the process.
      queue.on('error', (error) => this.logger?.warn({ err: error, queue: name }, 'queue connection error'));
      this.queues.set(name, queue);
    }
    return queue;
  }

  /**
   * Adds a job. Throws `invalid_job_data` (data that cannot be serialised: a bug in the caller, not
   * retryable) or `queue_unavailable` (Redis did not take the job; retryable). Resolves only once
   * Redis has it. The data is not checked against the queue's schema here: the types derived from
   * it hold producers to the contract, and the worker checks every job on arrival, so one that
   * does not match fails for good and stays in the failed jobs for inspection and replay. A check
   * here too cost a few percent of the gateway's CPU per webhook (docs/benchmarks.md).
   */
  async enqueue<Q extends QueueName>(
    name: Q,
    input: JobInput<Q>,
    options: EnqueueOptions = {},
  ): Promise<EnqueueResult> {
    return this.add(name, withEnvelope<Q>(input), options);
  }

  /**
   * The job's data with its envelope, checked against the queue's schema (`invalid_job_data`
   * otherwise), for the adds that replace or repeat jobs: a bad one would take the place of a
   * failed job, or come back every interval.
   */
  private checkedJobData<Q extends QueueName>(name: Q, input: JobInput<Q>): JobData<Q> {
    const parsed = jobCatalog[name].schema.safeParse(withEnvelope<Q>(input));
    if (!parsed.success) {
      throw new AppError(ErrorCode.InvalidJobData, `invalid ${name} job: ${parsed.error.message}`, {
        details: { issues: parsed.error.issues },
      });
    }
    return parsed.data as JobData<Q>;
  }

  private async add<Q extends QueueName>(name: Q, data: JobData<Q>, options: EnqueueOptions): Promise<EnqueueResult> {
    await this.whenConnected(`enqueue ${name} job`);
    const jobId = options.jobId ?? randomUUID();
    // Set field by field: spreads of conditional objects cost every webhook two throwaway objects.
    const jobOptions: JobsOptions = { jobId };
    if (options.delayMs) jobOptions.delay = options.delayMs;
    if (options.dedupe) jobOptions.deduplication = { id: options.dedupe.key, ttl: options.dedupe.ttlMs };
    try {
      const job = await this.queue(name).add(name, data, jobOptions);
      // BullMQ answers a deduplicated add with the job that already holds the key.
      const storedId = job.id ?? jobId;
      return { jobId: storedId, duplicate: storedId !== jobId };
    } catch (error) {
      // JSON.stringify of pathological data (e.g. nesting deep enough to overflow the stack).
      if (error instanceof RangeError || error instanceof TypeError) {
        throw new AppError(ErrorCode.InvalidJobData, `${name} job data cannot be serialised`, { cause: error });
      }
      throw queueUnavailable(`could not enqueue ${name} job`, error);
    }
  }

  /**
   * Enqueues a job under a fixed id again (a delivery's id, say): nothing is added while a job of
   * that id is still waiting, delayed or active (`duplicate: true`), and a finished one the queue
   * still keeps (failed, or completed) is removed first, since BullMQ ignores an add whose id
   * exists. So one id never has two live jobs, and a lost or failed one can always be replaced.
   * Look, remove and add are three steps: callers racing for one id (a replay beside the sweeper,
   * two replicas) take turns through a short claim in Redis, and all but the one holding it are
   * answered `duplicate: true`. The holder validates before it removes anything, but Redis can
   * still fail its add after the remove; then the id has no job until the next replay or sweep.
   */
  async requeue<Q extends QueueName>(
    name: Q,
    input: JobInput<Q>,
    jobId: string,
    options: Pick<EnqueueOptions, 'delayMs'> = {},
  ): Promise<EnqueueResult> {
    const data = this.checkedJobData(name, input);
    await this.whenConnected(`enqueue ${name} job`);
    const queue = this.queue(name);
    const claim = `${this.prefix}:requeue-claims:${name}:${jobId}`;
    // The claim holds its holder's token, so a holder that outlived it cannot release a later one.
    const token = randomUUID();
    try {
      if ((await this.connection.set(claim, token, 'PX', REQUEUE_CLAIM_MS, 'NX')) === null)
        return { jobId, duplicate: true };
    } catch (error) {
      throw queueUnavailable(`could not claim ${name} job ${jobId}`, error);
    }
    try {
      try {
        const state = await queue.getJobState(jobId);
        if (LIVE_STATES.has(state)) return { jobId, duplicate: true };
        if (state === 'failed' || state === 'completed') await queue.remove(jobId);
      } catch (error) {
        throw queueUnavailable(`could not look up ${name} job ${jobId}`, error);
      }
      return await this.add(name, data, { ...options, jobId });
    } finally {
      // Left behind (Redis gone meanwhile), the claim expires by itself.
      await this.connection.eval(RELEASE_CLAIM_SCRIPT, 1, claim, token).catch(() => undefined);
    }
  }

  /**
   * Adds a job every `everyMs` under one scheduler id (BullMQ's job scheduler), however many
   * producers call this: the schedule lives in Redis once, and each interval's job has an id
   * derived from its slot, so replicas that all schedule at start add one job per interval between
   * them. Scheduling again with the same interval keeps the slot; another interval replaces it.
   * The job's data (envelope included) is fixed here and repeated every time.
   */
  async schedule<Q extends QueueName>(
    name: Q,
    schedulerId: string,
    everyMs: number,
    input: JobInput<Q>,
  ): Promise<void> {
    const data = this.checkedJobData(name, input);
    await this.whenConnected(`schedule ${name} jobs`);
    try {
      await this.queue(name).upsertJobScheduler(schedulerId, { every: everyMs }, { name, data });
    } catch (error) {
      throw queueUnavailable(`could not schedule ${name} jobs`, error);
    }
  }

  /**
   * While disconnected, BullMQ would wait for the connection as long as it takes, holding the
   * caller (and GitLab's request) hostage. Wait briefly for a connection in progress, then give up
   * with `queue_unavailable`. Enqueues check this themselves; reads of `queue(name)` (counts,
   * listings) call it first. `what`: what could not be done, for the error (`enqueue events job`).
   */
  async whenConnected(what: string): Promise<void> {
    const { connection } = this;
    if (connection.status === 'ready') return;
    const ready =
      connection.status !== 'end' &&
      (await new Promise<boolean>((resolve) => {
        const onReady = () => {
          clearTimeout(timer);
          resolve(true);
        };
        const timer = setTimeout(() => {
          connection.off('ready', onReady);
          resolve(false);
        }, CONNECT_WAIT_MS);
        connection.once('ready', onReady);
      }));
    if (!ready) {
      throw queueUnavailable(`could not ${what}: Redis is ${connection.status}`);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }
}

/** The producer's fields and the envelope every job carries (trace context, request id, enqueue time). */
function withEnvelope<Q extends QueueName>(input: JobInput<Q>): JobData<Q> {
  return {
    ...input,
    meta: { trace: injectTraceContext(), requestId: input.meta?.requestId, enqueuedAt: Date.now() },
  } as JobData<Q>;
}
