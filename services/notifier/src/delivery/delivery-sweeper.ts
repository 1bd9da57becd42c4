import { findStaleDeliveries, recordDeliveryAttempt, type SqlPool, type StaleDeliveryRow } from '@chatops/db';
import { type JobQueues, QueueName } from '@chatops/jobs';
import { type Logger } from '@chatops/observability';
import { type Redis } from 'ioredis';
import { type Counter } from 'prom-client';
import { type UnrecordedPosts } from './unrecorded-posts';

/** Job states in which a deliveries job will still run. */
const HELD = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

export interface DeliverySweeperOptions {
  /** How often one of the notifier replicas sweeps. */
  intervalMs: number;
  /** A delivery planned (or last claimed) longer ago than this and still unfinished is examined. */
  staleAfterMs: number;
  /** Deliveries examined per sweep. */
  batch: number;
}

export interface DeliverySweeperDeps {
  sql: SqlPool;
  queues: Pick<JobQueues, 'queue' | 'requeue'>;
  redis: Redis;
  prefix: string;
  unrecorded: Pick<UnrecordedPosts, 'recall' | 'forget'>;
  logger: Logger;
  /** Deliveries the sweeper acted on, by action (requeued, recorded). */
  swept: Counter;
}

export interface SweepResult {
  examined: number;
  requeued: string[];
  recorded: string[];
}

/**
 * Finds deliveries that nothing will finish any more and finishes them. A delivery is orphaned
 * when it is still `pending` or `sending` long after it was planned or claimed and no deliveries
 * job holds it: its routing job failed for good after planning it, its job stalled twice (BullMQ
 * then fails it without a word to the handler), or its post went out but could not be recorded.
 * A post remembered as unrecorded is recorded as sent (not posted again); every other orphan goes
 * back to the deliveries queue, which posts it (a `sending` one as an unknown outcome, counted).
 * One replica sweeps per interval (a Redis turn key), the others skip.
 */
export class DeliverySweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly deps: DeliverySweeperDeps,
    private readonly options: DeliverySweeperOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep()
        .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'delivery sweep failed; the next one tries again'))
        .finally(() => (this.running = undefined));
    }, this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One sweep, unless another replica has this interval's turn (then `null`). */
  async sweep(): Promise<SweepResult | null> {
    const turn = await this.deps.redis.set(`${this.deps.prefix}:delivery-sweeper:turn`, '1', 'PX', this.options.intervalMs, 'NX');
    if (turn !== 'OK') return null;
    const stale = await findStaleDeliveries(this.deps.sql, this.options.staleAfterMs, this.options.batch);
    const queue = this.deps.queues.queue(QueueName.Deliveries);
    const states = await Promise.all(stale.map((row) => queue.getJobState(row.id)));
    const orphans = stale.filter((_, i) => !HELD.has(states[i] ?? 'unknown'));
    const posted = await this.deps.unrecorded.recall(orphans.filter((row) => row.status === 'sending').map((row) => row.id));

    const result: SweepResult = { examined: stale.length, requeued: [], recorded: [] };
    for (const row of orphans) {
      const remoteMessageId = posted.get(row.id);
      if (remoteMessageId !== undefined) await this.recordPosted(row, remoteMessageId);
      else await this.deps.queues.requeue(QueueName.Deliveries, { deliveryId: row.id }, row.id);
      (remoteMessageId !== undefined ? result.recorded : result.requeued).push(row.id);
      this.deps.swept.inc({ action: remoteMessageId !== undefined ? 'recorded' : 'requeued' });
    }
    if (orphans.length > 0) this.deps.logger.warn({ requeued: result.requeued.length, recorded: result.recorded.length }, 'orphaned deliveries finished by the sweeper');
    return result;
  }

  private async recordPosted(row: StaleDeliveryRow, remoteMessageId: string): Promise<void> {
    await recordDeliveryAttempt(this.deps.sql, row.id, { attempt: row.attempts + 1, outcome: 'sent', durationMs: 0 }, { remoteMessageId: remoteMessageId || undefined });
    await this.deps.unrecorded.forget(row.id);
  }
}
