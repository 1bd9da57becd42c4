import { prepareDeliveryReplay } from '@chatops/db';
import { QueueName } from '@chatops/jobs';
import { type CliCommand, requireOption, UsageError } from '../command';

export const deliveriesReplay: CliCommand = {
  name: 'deliveries:replay',
  summary: 'Send a failed (or stuck pending) delivery again; needs REDIS_URL and QUEUE_PREFIX',
  options: { id: { description: 'delivery id (see deliveries:dead-letters)', required: true } },
  async run(options, { db, queues, print }) {
    const id = requireOption(options, 'id');
    const prepared = await prepareDeliveryReplay(db, id, { actor: 'cli' });
    if (prepared.kind === 'missing') throw new UsageError(`unknown delivery: ${id}`);
    if (prepared.kind === 'refused') throw new UsageError(`delivery ${id} is ${prepared.status}: only pending, failed or skipped deliveries can be replayed`);
    // A fresh job id: the delivery's earlier job may still be kept by the queue as failed.
    const { jobId } = await queues.enqueue(QueueName.Deliveries, { deliveryId: id }, { jobId: `${id}-replay-${Date.now()}` });
    print(`delivery ${id} is pending again (job ${jobId}); deliveries:list shows how it goes`);
  },
};
