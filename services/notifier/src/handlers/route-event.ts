import { platformOf, renderNotification } from '@chatops/chat';
import {
  type DeliveryRow,
  type IntegrationWithDestination,
  planDeliveries,
  type PlannedDeliveryRow,
  type SqlPool,
} from '@chatops/db';
import {
  jobCatalog,
  type JobHandler,
  type JobQueues,
  priorDeliveryAttempts,
  QueueName,
  retryDelayMs,
} from '@chatops/jobs';
import { eventKindOf } from '@chatops/gitlab';
import { buildNotification } from '@chatops/messages';
import { type Logger } from '@chatops/observability';
import { type TtlCache } from '@chatops/runtime';
import { UnrecoverableError } from 'bullmq';
import { type PostClaimedDelivery, retryAfterOf } from '../delivery/attempt-delivery';
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
   * When set (a process that also works the deliveries queue), the routing job makes each new
   * delivery's first try itself whenever its channel has a token to spare; only paced and failed
   * deliveries go through the deliveries queue. Saves a queue round trip and a statement per message.
   */
  postNow?: {
    postClaimed: PostClaimedDelivery;
    pace: { take(channelKey: string): Promise<number> };
  };
}

const DELIVERY_ATTEMPTS = jobCatalog[QueueName.Deliveries].defaults.attempts;

/**
 * `events` → deliveries: classify the event, find the integrations and channels that want it,
 * render once per destination kind, record one delivery per channel, then post it or enqueue it.
 * Safe to run twice for the same event: deliveries are keyed on (integration, event, channel). A
 * delivery left `sending` by an earlier run of the same job goes to the deliveries queue, which
 * posts it once that claim is old, counted as a possible duplicate.
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
    const extras =
      eventKindOf(job.eventName, job.payload) === 'pipeline'
        ? { pipeline: await deps.pipelines.extras(job.payload, project?.apiTokenSealed ?? null) }
        : {};
    const built = buildNotification(job.eventName, job.payload, extras);
    if (!built) {
      log.debug({ eventName: job.eventName }, 'no notification for this event');
      return;
    }
    const { kind } = built;

    const targets = planTargets(kind, built.facts, integrations).map(({ integration, channel }) => ({
      integration,
      channel,
      channelKey: channelKeyOf(integration, channel),
      body: renderNotification(platformOf(integration.destination), built.message, { username: integration.username })
        .message,
    }));
    // A run after a failed or cut-short one: some deliveries may exist already, in any state.
    const rerun = context.job.attemptsMade > 0 || context.job.stalledCounter > 0;
    // Posting from here (first runs only): each channel's token is taken first, so that a delivery
    // that can go out now is planned claimed (one statement, where planning and claiming would be
    // two). A rerun takes no tokens for deliveries that may be sent already, and plans unclaimed.
    const postNow = rerun ? undefined : deps.postNow;
    const waits = postNow ? await Promise.all(targets.map((target) => postNow.pace.take(target.channelKey))) : [];
    const event = {
      endpointId: job.endpointId,
      eventKey: job.eventKey,
      eventKind: kind,
      threadKey: built.facts.threadKey ?? null,
    };
    const deliveries = await planDeliveries(
      deps.sql,
      event,
      targets.map((target, i) => ({
        integrationId: target.integration.id,
        channel: target.channel,
        body: target.body,
        claim: waits[i] === 0,
      })),
    );

    const byChannel = new Map(
      targets.map((target, i) => [`${target.integration.id}\n${target.channel}`, { ...target, wait: waits[i] ?? 0 }]),
    );
    const meta = job.meta.requestId ? { requestId: job.meta.requestId } : {};
    const dispatch = (delivery: PlannedDeliveryRow) => {
      const target = byChannel.get(`${delivery.integrationId}\n${delivery.channel}`);
      const channelKey = target?.channelKey;
      const enqueue: Enqueue = ({ delayMs, priorAttempts, replace } = {}) => {
        const data = {
          deliveryId: delivery.id,
          ...(channelKey ? { channelKey } : {}),
          ...(priorAttempts ? { priorAttempts } : {}),
          meta,
        };
        // The delivery id as job id: while that job exists, enqueueing it again is a no-op; `replace`
        // also replaces a job of that id the queue still keeps as failed.
        return replace
          ? deps.queues.requeue(QueueName.Deliveries, data, delivery.id)
          : deps.queues.enqueue(QueueName.Deliveries, data, { jobId: delivery.id, ...(delayMs ? { delayMs } : {}) });
      };
      if (delivery.claimed && postNow && target) {
        const claimed = {
          id: delivery.id,
          integrationId: delivery.integrationId,
          channel: delivery.channel,
          body: target.body,
          threadKey: event.threadKey,
          status: delivery.status,
        };
        return postPlanned(postNow.postClaimed, claimed, enqueue, log);
      }
      const priorAttempts = priorDeliveryAttempts(delivery.attempts);
      // An earlier run's claim: its job id may be kept by the queue (as failed), so replace it.
      if (delivery.status === 'sending') return enqueue({ priorAttempts, replace: true });
      // A paced channel's delivery waits in the queue for its token.
      return enqueue({ delayMs: target?.wait ?? 0, priorAttempts });
    };
    // On a first run a row left `sending` is another try's post in flight (a second copy of the
    // event). On a rerun it may be the earlier run's, claimed and never posted (it died mid-post,
    // or failed after planning claimed rows): it goes to the queue, where a claim still young keeps
    // it from being posted while another try might be posting it.
    const mine = deliveries.filter((d) => d.claimed || d.status === 'pending' || (rerun && d.status === 'sending'));
    const outcomes = await Promise.allSettled(mine.map(dispatch));
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    // Retrying the event plans the same rows: what was posted stays posted, the rest goes again.
    if (failed) throw failed.reason;
    log.info({ kind, integrations: integrations.length, deliveries: deliveries.length }, 'event routed');
  };
}

type Enqueue = (options?: { delayMs?: number; priorAttempts?: number; replace?: boolean }) => Promise<unknown>;

/**
 * A delivery's first try, from the routing job that planned it claimed. A retryable failure is
 * retried by the deliveries queue after the queue's backoff (or the provider's Retry-After, which
 * spends no attempt), counting this try.
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
