/**
 * Group commit: many small writes as few statements. A write submitted while `maxInFlight`
 * statements are running waits, and goes with everything else submitted meanwhile as one
 * statement. At low load each write runs alone, at once; under load batches grow by themselves, so
 * the per-statement costs (a round trip, a commit, the socket writes on both sides) per write fall
 * just when the process is busiest. A batch that fails is run again one write at a time, so a bad
 * write fails alone and the others are not held hostage by it.
 */
export interface GroupCommitOptions<T> {
  /** Statements of this kind running at once. */
  maxInFlight: number;
  /** Writes in one statement at most. */
  maxBatch: number;
  /** Writes with the same key never share a statement (the statement could not apply both). */
  keyOf?: (item: T) => string;
}

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<T, R> {
  private queued: Pending<T, R>[] = [];
  private inFlight = 0;
  private scheduled = false;

  /** `write` runs one statement for the items and returns one result per item, in their order. */
  constructor(
    private readonly write: (items: readonly T[]) => Promise<readonly R[]>,
    private readonly options: GroupCommitOptions<T>,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queued.push({ item, resolve, reject });
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
    while (this.inFlight < this.options.maxInFlight && this.queued.length > 0) {
      const batch = this.takeBatch();
      this.inFlight++;
      void this.flush(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  /** The oldest writes that fit one statement; the rest keep their order for the next. */
  private takeBatch(): Pending<T, R>[] {
    const { keyOf, maxBatch } = this.options;
    if (!keyOf && this.queued.length <= maxBatch) {
      const all = this.queued;
      this.queued = [];
      return all;
    }
    const batch: Pending<T, R>[] = [];
    const rest: Pending<T, R>[] = [];
    const keys = new Set<string>();
    for (const pending of this.queued) {
      const key = keyOf?.(pending.item);
      if (batch.length >= maxBatch || (key !== undefined && keys.has(key))) {
        rest.push(pending);
        continue;
      }
      if (key !== undefined) keys.add(key);
      batch.push(pending);
    }
    this.queued = rest;
    return batch;
  }

  private async flush(batch: Pending<T, R>[]): Promise<void> {
    try {
      const results = await this.write(batch.map((pending) => pending.item));
      if (results.length !== batch.length) throw new Error(`group commit: ${results.length} results for ${batch.length} writes`);
      batch.forEach((pending, i) => pending.resolve(results[i] as R));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      await Promise.all(
        batch.map((pending) =>
          this.write([pending.item]).then(
            (results) => pending.resolve(results[0] as R),
            (alone: unknown) => pending.reject(alone),
          ),
        ),
      );
    }
  }
}

/**
 * One group commit per pool and statement kind: every caller of a statement function on the same
 * pool shares it, so batching needs no wiring, and a pool that goes away takes its batcher along.
 */
export function perPool<P extends object, T, R>(create: (pool: P) => GroupCommit<T, R>): (pool: P) => GroupCommit<T, R> {
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
