import { writeBatchChannel } from '@chatops/db';
import { Registry } from 'prom-client';
import { observeWriteBatches } from './write-batch-metrics';

describe('observeWriteBatches', () => {
  it('counts each published statement in chatops_db_write_batch_size, until unsubscribed', async () => {
    const registry = new Registry();
    const stop = observeWriteBatches(registry);
    writeBatchChannel.publish({ statement: 'plan_deliveries', writes: 1, outcome: 'written' });
    writeBatchChannel.publish({ statement: 'plan_deliveries', writes: 30, outcome: 'written' });
    writeBatchChannel.publish({ statement: 'record_delivery_attempts', writes: 4, outcome: 'refused' });
    stop();
    writeBatchChannel.publish({ statement: 'plan_deliveries', writes: 99, outcome: 'written' });

    const text = await registry.metrics();
    expect(text).toContain('chatops_db_write_batch_size_count{statement="plan_deliveries",outcome="written"} 2');
    expect(text).toContain('chatops_db_write_batch_size_sum{statement="plan_deliveries",outcome="written"} 31');
    expect(text).toContain(
      'chatops_db_write_batch_size_bucket{le="1",statement="plan_deliveries",outcome="written"} 1',
    );
    expect(text).toContain(
      'chatops_db_write_batch_size_count{statement="record_delivery_attempts",outcome="refused"} 1',
    );
  });
});
