import { type ProviderBody } from '@chatops/chat';
import {
  type DeliveryEvent,
  type DeliveryRow,
  type IntegrationWithDestination,
  type PlannedDeliveryRow,
} from '@chatops/db';
import { jobCatalog, type JobQueues, priorDeliveryAttempts, QueueName, retryDelayMs } from '@chatops/jobs';
import { type Logger } from '@chatops/observability';
import { UnrecoverableError } from 'bullmq';
import { type PostClaimedDelivery, retryAfterOf } from '../delivery/attempt-delivery';

const DELIVERY_ATTEMPTS = jobCatalog[QueueName.Deliveries].defaults.attempts;

/** What a routing job needs to make first tries itself (a process that also works `deliveries`). */
export interface PostNow {
  postClaimed: PostClaimedDelivery;
  pace: { take(channelKey: string): Promise<number> };
}

/** One channel an event goes to, rendered for its destination. */
export interface RenderedTarget {
  integration: IntegrationWithDestination;
  channel: string;
  /** Its pacing key (see channelKeyOf). */
  channelKey: string;
  /** The platform's JSON, as the delivery row keeps it. */
  body: ProviderBody['message'];
}

export interface DispatchContext {
  queues: JobQueues;
  /** Set when this run posts the deliveries it planned claimed. */
  postNow: PostNow | undefined;
  rerun: boolean;
  event: DeliveryEvent;
  targets: RenderedTarget[];
  /** Per target, in order: the wait its pacing token answered (empty when none were taken). */
  waits: number[];
  meta: { requestId?: string };
  log: Logger;
}

type PacedTarget = RenderedTarget & { wait: number };

type Enqueue = (options?: { delayMs?: number; priorAttempts?: number; replace?: boolean }) => Promise<unknown>;

/**
 * Posts or enqueues each planned delivery this run is responsible for, all at once. If any of
 * them failed, throws the first failure, so the event job is retried: retrying plans the same rows,
 * and what was posted stays posted. See docs/delivery.md#the-routing-job.
 */
export async function dispatchDeliveries(deliveries: PlannedDeliveryRow[], context: DispatchContext): Promise<void> {
  const byChannel = targetsByChannel(context.targets, context.waits);
  const mine = deliveries.filter((delivery) => isMine(delivery, context.rerun));
  const targetOf = (delivery: PlannedDeliveryRow) => byChannel.get(channelOf(delivery.integrationId, delivery.channel));
  const outcomes = await Promise.allSettled(
    mine.map((delivery) => dispatchDelivery(delivery, targetOf(delivery), context)),
  );
  const failed = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Which integration's channel a row is for: how a planned delivery finds its target. */
function channelOf(integrationId: string, channel: string): string {
  return `${integrationId}\n${channel}`;
}

function targetsByChannel(targets: RenderedTarget[], waits: number[]): Map<string, PacedTarget> {
  const paced = targets.map((target, i) => ({ ...target, wait: waits[i] ?? 0 }));
  return new Map(paced.map((target) => [channelOf(target.integration.id, target.channel), target]));
}

/**
 * Whether this run dispatches a planned delivery: its own claimed ones and pending ones; a
 * `sending` one only on a rerun, where it may be an earlier run's (on a first run it is another
 * try's post in flight). See docs/delivery.md#reruns-of-a-routing-job.
 */
function isMine(delivery: PlannedDeliveryRow, rerun: boolean): boolean {
  return delivery.claimed || delivery.status === 'pending' || (rerun && delivery.status === 'sending');
}

/** Posts a delivery this run planned claimed; enqueues any other one on the deliveries queue. */
function dispatchDelivery(
  delivery: PlannedDeliveryRow,
  target: PacedTarget | undefined,
  context: DispatchContext,
): Promise<unknown> {
  const enqueue = deliveryEnqueuer(delivery, target?.channelKey, context);
  const { postNow } = context;
  if (delivery.claimed && postNow && target) {
    const claimed = {
      id: delivery.id,
      integrationId: delivery.integrationId,
      channel: delivery.channel,
      body: target.body,
      threadKey: context.event.threadKey,
      status: delivery.status,
    };
    return postPlanned(postNow.postClaimed, claimed, enqueue, context.log);
  }
  const priorAttempts = priorDeliveryAttempts(delivery.attempts);
  // An earlier run's claim: its job id may be kept by the queue (as failed), so replace it.
  if (delivery.status === 'sending') return enqueue({ priorAttempts, replace: true });
  // A paced channel's delivery waits in the queue for its token.
  return enqueue({ delayMs: target?.wait ?? 0, priorAttempts });
}

/** Enqueues the delivery's `deliveries` job, under the delivery's id (see docs/delivery.md#job-ids). */
function deliveryEnqueuer(
  delivery: PlannedDeliveryRow,
  channelKey: string | undefined,
  { queues, meta }: Pick<DispatchContext, 'queues' | 'meta'>,
): Enqueue {
  return ({ delayMs, priorAttempts, replace } = {}) => {
    const data = {
      deliveryId: delivery.id,
      ...(channelKey ? { channelKey } : {}),
      ...(priorAttempts ? { priorAttempts } : {}),
      meta,
    };
    // While a job of that id exists, enqueueing it again is a no-op; `replace` also replaces a job
    // of that id the queue still keeps as failed.
    return replace
      ? queues.requeue(QueueName.Deliveries, data, delivery.id)
      : queues.enqueue(QueueName.Deliveries, data, { jobId: delivery.id, ...(delayMs ? { delayMs } : {}) });
  };
}

/**
 * A delivery's first try, from the routing job that planned it claimed; a retryable failure goes
 * to the deliveries queue. See docs/delivery.md#first-try-from-the-routing-job.
 */
async function postPlanned(
  postClaimed: PostClaimedDelivery,
  delivery: DeliveryRow,
  enqueue: Enqueue,
  log: Logger,
): Promise<void> {
  try {
    await postClaimed(delivery, { attempt: 1, maxAttempts: DELIVERY_ATTEMPTS }, log);
  } catch (error) {
    // Failed for good, or posted but not recorded: recorded (or remembered) by the try; nothing to retry.
    if (error instanceof UnrecoverableError) return;
    const retryAfterMs = retryAfterOf(error);
    await enqueue(
      retryAfterMs !== undefined
        ? { delayMs: retryAfterMs }
        : { delayMs: retryDelayMs(QueueName.Deliveries, 1), priorAttempts: 1 },
    );
  }
}
