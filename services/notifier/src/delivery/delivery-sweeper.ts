import { findStaleDeliveries, pruneDeliveries, type SqlPool, type StaleDeliveryCursor } from '@chatops/db';
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
  /** Finished deliveries older than this are deleted in each turn (0: kept forever). */
  retentionMs?: number;
}

/** Deleted per statement, so a large backlog of old rows never holds locks for long. */
const PRUNE_BATCH = 5000;
/** A turn stops pruning after this long; the next turn goes on. */
const PRUNE_BUDGET_MS = 20_000;

export interface DeliverySweeperDeps {
  sql: SqlPool;
  queues: Pick<JobQueues, 'requeue'>;
  redis: RedisConnection;
  prefix: string;
  logger: Logger;
  /** Orphaned deliveries the sweeper sent back to the queue. */
  swept: Counter;
  /** Finished deliveries deleted for being older than the retention. */
  pruned?: Counter;
}

export interface SweepResult {
  examined: number;
  requeued: string[];
  /** Old finished deliveries deleted in this turn. */
  pruned: number;
}

/**
 * Sends deliveries that nothing will finish any more back to the deliveries queue, their tries
 * counted, and deletes finished ones past their retention; one replica sweeps per interval. See
 * docs/delivery.md#the-sweeper.
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
    const result: SweepResult = { examined: stale.length, requeued: [], pruned: 0 };
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
    result.pruned = await this.prune();
    return result;
  }

  /** The retention's share of a turn: old finished deliveries, a batch at a time, within a budget. */
  private async prune(): Promise<number> {
    const { retentionMs } = this.options;
    if (!retentionMs) return 0;
    const started = Date.now();
    let pruned = 0;
    for (;;) {
      const deleted = await pruneDeliveries(this.deps.sql, retentionMs, PRUNE_BATCH);
      pruned += deleted;
      this.deps.pruned?.inc(deleted);
      if (deleted < PRUNE_BATCH || Date.now() - started > PRUNE_BUDGET_MS) break;
    }
    if (pruned > 0) this.deps.logger.info({ pruned }, 'deleted finished deliveries past their retention');
    return pruned;
  }
}
