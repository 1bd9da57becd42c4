import { findDeliveryChannel } from '@chatops/db';
import { AppError, ErrorCode } from '@chatops/errors';
import { type JobHandler, type QueueName } from '@chatops/jobs';
import { type AttemptDelivery, type DeliveryAttemptDeps } from '../delivery/attempt-delivery';
import { channelKeyOf } from '../delivery/channel-key';

export interface DeliverDeps extends Pick<DeliveryAttemptDeps, 'sql' | 'integrations'> {
  attempt: AttemptDelivery;
  /** Per-channel pacing: 0 to post now, else milliseconds to wait. */
  pace: { take(channelKey: string): Promise<number> };
}

/**
 * `deliveries` → one chat post: pace the channel (a paced job waits in the queue), then one try,
 * counting tries made before this job. See docs/delivery.md#the-deliveries-job.
 */
export function deliverHandler(deps: DeliverDeps): JobHandler<typeof QueueName.Deliveries> {
  return async ({ deliveryId, channelKey, priorAttempts = 0 }, { job, log, attempt }) => {
    const key = channelKey ?? (await channelKeyFromDatabase(deps, deliveryId));
    if (key) {
      const wait = await deps.pace.take(key);
      if (wait > 0)
        throw new AppError(ErrorCode.ChatRateLimited, 'channel is being paced', {
          retryable: true,
          retryAfterMs: wait,
        });
    }
    await deps.attempt(deliveryId, { attempt: priorAttempts + attempt, maxAttempts: job.opts.attempts ?? 1 }, log);
  };
}

/** For jobs enqueued without a pacing key (replays): look the channel up. */
async function channelKeyFromDatabase(deps: DeliverDeps, deliveryId: string): Promise<string | undefined> {
  const row = await findDeliveryChannel(deps.sql, deliveryId);
  const integration = row ? await deps.integrations.get(row.integrationId) : null;
  return row && integration ? channelKeyOf(integration, row.channel) : undefined;
}
