/**
 * Group commit: many small writes as few statements, batches growing with load by themselves.
 * See docs/delivery.md#group-commit.
 */
import { channel } from 'node:diagnostics_channel';

/** What a group commit publishes, on `writeBatchChannel`, after each statement it ran. */
export interface WriteBatchMessage {
  /** The statement kind (`GroupCommitOptions.name`). */
  statement: string;
  /** Writes the statement carried. */
  writes: number;
  /** `written`; `refused` (PostgreSQL answered with an error: its writes go again one by one); `failed` (its writes failed). */
  outcome: 'written' | 'refused' | 'failed';
}

/**
 * Batch sizes, for whoever keeps the process's metrics (the services' runtime): a diagnostics
 * channel, so that this package needs no metrics registry and costs nothing when nobody listens.
 */
export const writeBatchChannel = channel('chatops:db:write-batch');

export interface GroupCommitOptions<T> {
  /** The statement kind, as published on `writeBatchChannel`; an unnamed group commit publishes nothing. */
  name?: string;
  /** Statements of this kind running at once. */
  maxInFlight: number;
  /** Writes in one statement at most. */
  maxBatch: number;
  /** Writes with the same key are never in flight together (one statement could not apply both, and two could race). */
  keyOf?: (item: T) => string;
  /** Whether an error from `write` means the database refused the statement, so none of it was written. */
  isRejection?: (error: unknown) => boolean;
}

interface Pending<T, R> {
  item: T;
  key: string | undefined;
  /** Part of a refused batch: goes in a statement of its own. */
  alone: boolean;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * A write submitted while `maxInFlight` statements run waits and joins the next statement. A batch
 * the database refused (`isRejection`) goes again one write at a time; any other failure fails
 * every write of the batch, as a single statement would have failed its caller.
 */
export class GroupCommit<T, R> {
  private queued: Pending<T, R>[] = [];
  private readonly keysInFlight = new Set<string>();
  private inFlight = 0;
  private scheduled = false;

  /** `write` runs one statement for the items and returns one result per item, in their order. */
  constructor(
    private readonly write: (items: readonly T[]) => Promise<readonly R[]>,
    private readonly options: GroupCommitOptions<T>,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queued.push({ item, key: this.options.keyOf?.(item), alone: false, resolve, reject });
      // Writes submitted in the same turn of the event loop (one job's several rows, Promise.all)
      // start together: the flush waits for the current synchronous work to finish.
      if (!this.scheduled) {
        this.scheduled = true;
        queueMicrotask(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight) {
      const batch = this.takeBatch();
      if (batch.length === 0) return;
      this.inFlight++;
      for (const pending of batch) if (pending.key !== undefined) this.keysInFlight.add(pending.key);
      void this.flush(batch).finally(() => {
        for (const pending of batch) if (pending.key !== undefined) this.keysInFlight.delete(pending.key);
        this.inFlight--;
        this.pump();
      });
    }
  }

  /**
   * The oldest writes that can share a statement: none whose key is in flight or already taken,
   * and a write marked `alone` only by itself. The rest keep their order for the next statement.
   */
  private takeBatch(): Pending<T, R>[] {
    const { maxBatch } = this.options;
    const batch: Pending<T, R>[] = [];
    const rest: Pending<T, R>[] = [];
    const keys = new Set<string>();
    let closed = false;
    for (const pending of this.queued) {
      const blocked = pending.key !== undefined && (this.keysInFlight.has(pending.key) || keys.has(pending.key));
      if (closed || blocked || batch.length >= maxBatch || (pending.alone && batch.length > 0)) {
        rest.push(pending);
        continue;
      }
      if (pending.key !== undefined) keys.add(pending.key);
      batch.push(pending);
      if (pending.alone) closed = true;
    }
    this.queued = rest;
    return batch;
  }

  private async flush(batch: Pending<T, R>[]): Promise<void> {
    const outcome = await this.settle(batch);
    const { name } = this.options;
    if (name !== undefined && writeBatchChannel.hasSubscribers) {
      writeBatchChannel.publish({ statement: name, writes: batch.length, outcome } satisfies WriteBatchMessage);
    }
  }

  private async settle(batch: Pending<T, R>[]): Promise<WriteBatchMessage['outcome']> {
    let results: readonly R[];
    try {
      results = await this.write(batch.map((pending) => pending.item));
    } catch (error) {
      if (batch.length > 1 && this.options.isRejection?.(error)) {
        // Nothing of it was written: each write goes again by itself, first in line.
        this.queued.unshift(...batch.map((pending) => ({ ...pending, alone: true })));
        return 'refused';
      }
      for (const pending of batch) pending.reject(error);
      return 'failed';
    }
    if (!Array.isArray(results) || results.length !== batch.length) {
      const error = new Error(
        `group commit: ${Array.isArray(results) ? results.length : 'no'} results for ${batch.length} writes`,
      );
      for (const pending of batch) pending.reject(error);
      return 'failed';
    }
    batch.forEach((pending, i) => pending.resolve(results[i] as R));
    return 'written';
  }
}

/**
 * One group commit per pool and statement kind: every caller of a statement function on the same
 * pool shares it, so batching needs no wiring, and a pool that goes away takes its batcher along.
 */
export function perPool<P extends object, T, R>(
  create: (pool: P) => GroupCommit<T, R>,
): (pool: P) => GroupCommit<T, R> {
  const batchers = new WeakMap<P, GroupCommit<T, R>>();
  return (pool) => {
    let batcher = batchers.get(pool);
    if (!batcher) {
      batcher = create(pool);
      batchers.set(pool, batcher);
    }
    return batcher;
  };
}
