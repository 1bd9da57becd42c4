import { type WriteBatchMessage, writeBatchChannel } from '@chatops/db';
import { Histogram, type Registry } from 'prom-client';

/**
 * `chatops_db_write_batch_size{statement,outcome}`: how many writes each batched statement
 * carried (the notifier's delivery plans and attempt records, see GroupCommit). Its sum over its
 * count is the mean batch: 1 at low load, growing with load; a rising `refused` count means
 * batches PostgreSQL turned down and that were retried one write at a time.
 * Returns the unsubscribe, for the runtime's close.
 */
export function observeWriteBatches(registry: Registry): () => void {
  const sizes = new Histogram({
    name: 'chatops_db_write_batch_size',
    help: 'Writes per batched database statement, by statement and outcome',
    labelNames: ['statement', 'outcome'],
    buckets: [1, 2, 5, 10, 20, 50, 100],
    registers: [registry],
  });
  const onBatch = (message: unknown) => {
    const { statement, writes, outcome } = message as WriteBatchMessage;
    sizes.observe({ statement, outcome }, writes);
  };
  writeBatchChannel.subscribe(onBatch);
  return () => writeBatchChannel.unsubscribe(onBatch);
}
