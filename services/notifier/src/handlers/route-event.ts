import { renderForDestination } from '@chatops/chat';
import { type IntegrationWithDestination, planDeliveries, type PlannedDeliveryRow, type SqlPool } from '@chatops/db';
import { jobCatalog, type JobHandler, type JobQueues, QueueName, retryDelayMs } from '@chatops/jobs';
import { eventKindOf } from '@chatops/gitlab';
import { buildNotification } from '@chatops/messages';
import { type Logger } from '@chatops/observability';
import { type TtlCache } from '@chatops/runtime';
import { UnrecoverableError } from 'bullmq';
import { type AttemptDelivery, retryAfterOf } from '../delivery/attempt-delivery';
import { channelKeyOf } from '../delivery/channel-key';
import { type PipelineEnricher } from '../enrichment/pipeline-enricher';
import { planTargets } from '../routing/plan-targets';

export interface RouteEventDeps {
  sql: SqlPool;
  queues: JobQueues;
  pipelines: PipelineEnricher;
  /** An endpoint's active integrations, cached briefly: every event needs them. */
  integrations: TtlCache<IntegrationWithDestination[]>;
  /**
   * When set (a process that also works the deliveries queue), the routing job makes each
   * delivery's first try itself whenever its channel has a token to spare; only paced and failed
   * deliveries go through the deliveries queue. Saves a queue round trip per message.
   */
  postNow?: {
    attempt: AttemptDelivery;
    pace: { take(channelKey: string): Promise<number> };
  };
}

const DELIVERY_ATTEMPTS = jobCatalog[QueueName.Deliveries].defaults.attempts;

/**
 * `events` → deliveries: classify the event, find the integrations and channels that want it,
 * render once per destination kind, record one delivery per channel, then post it or enqueue it.
 * Safe to run twice for the same event: deliveries are keyed on (integration, event, channel). A
 * delivery left `sending` by an earlier run of the same job that died mid-post goes to the
 * deliveries queue, which posts it again, counted as a possible duplicate.
 */

export function routeEventHandler(deps: RouteEventDeps): JobHandler<typeof QueueName.Events> {
  return async (job, context) => {
    const { log } = context;
    const integrations = (await deps.integrations.get(job.endpointId)) ?? [];
    if (integrations.length === 0) {
      log.debug({ endpointId: job.endpointId }, 'no active integration for this endpoint');
      return;
    }
    // Only pipelines need GitLab's API; every integration of an endpoint shares its project.
    const project = integrations[0]?.project;
    const extras = eventKindOf(job.eventName, job.payload) === 'pipeline' ? { pipeline: await deps.pipelines.extras(job.payload, project?.apiTokenSealed ?? null) } : {};
    const built = buildNotification(job.eventName, job.payload, extras);
    if (!built) {
      log.debug({ eventName: job.eventName }, 'no notification for this event');
      return;
    }
    const { kind } = built;

    const targets = planTargets(kind, built.facts, integrations);
    const event = { endpointId: job.endpointId, eventKey: job.eventKey, eventKind: kind, threadKey: built.facts.threadKey ?? null };
    const deliveries = await planDeliveries(
      deps.sql,
      event,
      targets.map(({ integration, channel }) => ({
        integrationId: integration.id,
        channel,
        body: renderForDestination(integration.destination, built.message, { username: integration.username }),
      })),
    );
    const byId = new Map(integrations.map((i) => [i.id, i]));
    const dispatch = (delivery: PlannedDeliveryRow) => {
      const integration = byId.get(delivery.integrationId);
      const channelKey = integration ? channelKeyOf(integration, delivery.channel) : undefined;
      const enqueue = (options: { delayMs?: number; priorAttempts?: number } = {}) =>
        // The delivery id as job id: while that job exists, enqueueing it again is a no-op.
        deps.queues.enqueue(
          QueueName.Deliveries,
          { deliveryId: delivery.id, ...(channelKey ? { channelKey } : {}), ...(options.priorAttempts ? { priorAttempts: options.priorAttempts } : {}), meta: job.meta.requestId ? { requestId: job.meta.requestId } : {} },
          { jobId: delivery.id, ...(options.delayMs ? { delayMs: options.delayMs } : {}) },
        );
      const tried = Math.min(delivery.attempts, DELIVERY_ATTEMPTS - 1);
      if (delivery.status === 'sending') {
        // A crashed run's post: its job id may be kept by the queue (as failed), so replace it.
        return deps.queues.requeue(QueueName.Deliveries, { deliveryId: delivery.id, ...(channelKey ? { channelKey } : {}), ...(tried ? { priorAttempts: tried } : {}) }, delivery.id);
      }
      // Only a delivery never tried is posted from here: one tried before has its retry queued.
      if (deps.postNow && delivery.attempts === 0) return postNow(deps.postNow, delivery.id, channelKey, enqueue, log);
      return enqueue(tried ? { priorAttempts: tried } : {});
    };
    // A row left `sending` is another try's post in flight, unless this job's earlier run was cut
    // short (its process died mid-post): then it is that run's, and no one else will finish it.
    const resumed = context.job.stalledCounter > 0;
    const outcomes = await Promise.allSettled(deliveries.filter((d) => d.status === 'pending' || (resumed && d.status === 'sending')).map(dispatch));
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    // Retrying the event plans the same rows: what was posted stays posted, the rest goes again.
    if (failed) throw failed.reason;
    log.info({ kind, integrations: integrations.length, deliveries: deliveries.length }, 'event routed');
  };
}

type Enqueue = (options?: { delayMs?: number; priorAttempts?: number }) => Promise<unknown>;

/**
 * A delivery's first try from the routing job. A paced channel's delivery waits in the queue for
 * its token; a retryable failure is retried by the deliveries queue after the queue's backoff (or
 * the provider's Retry-After, which spends no attempt), counting this try. A delivery another try
 * holds (`delivery_in_progress`) is looked at again by the queue once that try is over.
 */
async function postNow(post: NonNullable<RouteEventDeps['postNow']>, deliveryId: string, channelKey: string | undefined, enqueue: Enqueue, log: Logger): Promise<void> {
  const wait = channelKey ? await post.pace.take(channelKey) : 0;
  if (wait > 0) {
    await enqueue({ delayMs: wait });
    return;
  }
  try {
    await post.attempt(deliveryId, { attempt: 1, maxAttempts: DELIVERY_ATTEMPTS }, log);
  } catch (error) {
    // Failed for good, or posted but not recorded: recorded (or logged) by the try; nothing to retry.
    if (error instanceof UnrecoverableError) return;
    const retryAfterMs = retryAfterOf(error);
    await enqueue(retryAfterMs !== undefined ? { delayMs: retryAfterMs } : { delayMs: retryDelayMs(QueueName.Deliveries, 1), priorAttempts: 1 });
  }
}
