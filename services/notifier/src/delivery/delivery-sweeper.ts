import { findStaleDeliveries, type SqlPool, type StaleDeliveryCursor } from '@chatops/db';
import { type JobQueues, priorDeliveryAttempts, QueueName, type RedisConnection } from '@chatops/jobs';
import { type Logger } from '@chatops/observability';
import { type Counter } from 'prom-client';

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
  queues: Pick<JobQueues, 'requeue'>;
  redis: RedisConnection;
  prefix: string;
  logger: Logger;
  /** Orphaned deliveries the sweeper sent back to the queue. */
  swept: Counter;
}

export interface SweepResult {
  examined: number;
  requeued: string[];
}

/**
 * Sends deliveries that nothing will finish any more back to the deliveries queue, their tries
 * counted; one replica sweeps per interval. See docs/delivery.md#the-sweeper.
 */
export class DeliverySweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  /** Where this process's last sweep stopped, so a long run of held deliveries is paged through. */
  private cursor: StaleDeliveryCursor | undefined;

  constructor(
    private readonly deps: DeliverySweeperDeps,
    private readonly options: DeliverySweeperOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep()
        .catch((error: unknown) =>
          this.deps.logger.warn({ err: error }, 'delivery sweep failed; the next one tries again'),
        )
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
    const turn = await this.deps.redis.set(
      `${this.deps.prefix}:delivery-sweeper:turn`,
      '1',
      'PX',
      this.options.intervalMs,
      'NX',
    );
    if (turn !== 'OK') return null;
    const stale = await findStaleDeliveries(this.deps.sql, this.options.staleAfterMs, this.options.batch, this.cursor);
    const result: SweepResult = { examined: stale.length, requeued: [] };
    for (const row of stale) {
      // A delivery a job still holds (waiting, delayed, running) is left to it: requeue adds nothing.
      const tried = priorDeliveryAttempts(row.attempts);
      const { duplicate } = await this.deps.queues.requeue(
        QueueName.Deliveries,
        { deliveryId: row.id, ...(tried ? { priorAttempts: tried } : {}) },
        row.id,
      );
      if (duplicate) continue;
      result.requeued.push(row.id);
      this.deps.swept.inc();
    }
    // Only a page dealt with moves the cursor on (a failed sweep reads it again); a short page
    // means the end was reached, and the next sweep starts from the oldest again.
    const last = stale.at(-1);
    this.cursor = stale.length === this.options.batch && last ? { createdAt: last.createdAt, id: last.id } : undefined;
    if (result.requeued.length > 0)
      this.deps.logger.warn(
        { requeued: result.requeued.length },
        'orphaned deliveries sent back to the deliveries queue',
      );
    return result;
  }
}
