import { prepareDeliveryReplay } from '@chatops/db';
import { QueueName } from '@chatops/jobs';
import { defineCommand, requireOption, UsageError } from '../command';

export const deliveriesReplay = defineCommand({
  name: 'deliveries:replay',
  summary: 'Send a failed (or stuck pending) delivery again; needs REDIS_URL and QUEUE_PREFIX',
  options: { id: { description: 'delivery id (see deliveries:dead-letters)', required: true } },
  async run(options, { db, queues, print }) {
    const id = requireOption(options, 'id');
    const prepared = await prepareDeliveryReplay(db, id, { actor: 'cli' });
    if (prepared.kind === 'missing') throw new UsageError(`unknown delivery: ${id}`);
    if (prepared.kind === 'refused')
      throw new UsageError(
        `delivery ${id} is ${prepared.status}: only pending, failed or skipped deliveries can be replayed`,
      );
    // Under the delivery's own id: a job still waiting is kept, a failed one replaced.
    const { jobId } = await queues.requeue(QueueName.Deliveries, { deliveryId: id }, id);
    print(`delivery ${id} is pending again (job ${jobId}); deliveries:list shows how it goes`);
    return { deliveryId: id, status: 'pending', jobId };
  },
});
