import { platformOf, renderNotification } from '@chatops/chat';
import {
  type DeliveryEvent,
  type DeliveryTargetRow,
  type IntegrationWithDestination,
  planDeliveries,
  type SqlPool,
} from '@chatops/db';
import { type JobData, type JobHandler, type JobQueues, type QueueName } from '@chatops/jobs';
import { eventKindOf } from '@chatops/gitlab';
import { type BuiltNotification, buildNotification } from '@chatops/messages';
import { type TtlCache } from '@chatops/runtime';
import { type Job } from 'bullmq';
import { channelKeyOf } from '../delivery/channel-key';
import { type PipelineEnricher } from '../enrichment/pipeline-enricher';
import { planTargets } from '../routing/plan-targets';
import { dispatchDeliveries, type PostNow, type RenderedTarget } from './dispatch-deliveries';

export interface RouteEventDeps {
  sql: SqlPool;
  queues: JobQueues;
  pipelines: PipelineEnricher;
  /** An endpoint's active integrations, cached briefly: every event needs them. */
  integrations: TtlCache<IntegrationWithDestination[]>;
  /**
   * Set in a process that also works the deliveries queue: the routing job then makes each new
   * delivery's first try itself. See docs/delivery.md#first-try-from-the-routing-job.
   */
  postNow?: PostNow;
}

type EventJobData = JobData<typeof QueueName.Events>;

/**
 * `events` → deliveries: classify the event, find the integrations and channels that want it,
 * render once per destination, plan one delivery per channel, then post or enqueue each.
 * Safe to run twice for the same event. See docs/delivery.md#the-routing-job.
 */
export function routeEventHandler(deps: RouteEventDeps): JobHandler<typeof QueueName.Events> {
  return async (job, context) => {
    const { log } = context;
    const integrations = await loadIntegrations(deps, job.endpointId);
    if (integrations.length === 0) {
      log.debug({ endpointId: job.endpointId }, 'no active integration for this endpoint');
      return;
    }
    const built = await buildEventNotification(deps.pipelines, job, integrations);
    if (!built) {
      log.debug({ eventName: job.eventName }, 'no notification for this event');
      return;
    }
    const targets = renderTargets(built, integrations);
    const rerun = isRerun(context.job);
    // A rerun takes no tokens and plans unclaimed: see docs/delivery.md#reruns-of-a-routing-job.
    const postNow = rerun ? undefined : deps.postNow;
    const waits = await takePacingTokens(postNow, targets);
    const event = deliveryEventOf(job, built);
    const deliveries = await planDeliveries(deps.sql, event, plannedRows(targets, waits));
    await dispatchDeliveries(deliveries, {
      queues: deps.queues,
      postNow,
      rerun,
      event,
      targets,
      waits,
      meta: job.meta.requestId ? { requestId: job.meta.requestId } : {},
      log,
    });
    log.info({ kind: built.kind, integrations: integrations.length, deliveries: deliveries.length }, 'event routed');
  };
}

/** The endpoint's active integrations (none for an unknown endpoint). */
async function loadIntegrations(deps: RouteEventDeps, endpointId: string): Promise<IntegrationWithDestination[]> {
  return (await deps.integrations.get(endpointId)) ?? [];
}

/** The neutral message for the event, or null when GitLab would not notify; pipelines are enriched first. */
async function buildEventNotification(
  pipelines: PipelineEnricher,
  job: EventJobData,
  integrations: IntegrationWithDestination[],
): Promise<BuiltNotification | null> {
  // Only pipelines need GitLab's API; every integration of an endpoint shares its project.
  const project = integrations[0]?.project;
  const extras =
    eventKindOf(job.eventName, job.payload) === 'pipeline'
      ? { pipeline: await pipelines.extras(job.payload, project?.apiTokenSealed ?? null) }
      : {};
  return buildNotification(job.eventName, job.payload, extras);
}

/** The channels that want the event, each with its pacing key and its destination's rendering. */
function renderTargets(built: BuiltNotification, integrations: IntegrationWithDestination[]): RenderedTarget[] {
  return planTargets(built.kind, built.facts, integrations).map(({ integration, channel }) => ({
    integration,
    channel,
    channelKey: channelKeyOf(integration, channel),
    body: renderNotification(platformOf(integration.destination), built.message, { username: integration.username })
      .message,
  }));
}

/** A run after a failed or cut-short one: some deliveries may exist already, in any state. */
function isRerun(job: Pick<Job, 'attemptsMade' | 'stalledCounter'>): boolean {
  return job.attemptsMade > 0 || job.stalledCounter > 0;
}

/**
 * One pacing token per target when posting from here (0: it may go now, else the wait), taken
 * before planning so that a delivery that can go now is planned claimed; none otherwise.
 */
async function takePacingTokens(postNow: PostNow | undefined, targets: RenderedTarget[]): Promise<number[]> {
  return postNow ? Promise.all(targets.map((target) => postNow.pace.take(target.channelKey))) : [];
}

function deliveryEventOf(job: EventJobData, built: BuiltNotification): DeliveryEvent {
  return {
    endpointId: job.endpointId,
    eventKey: job.eventKey,
    eventKind: built.kind,
    threadKey: built.facts.threadKey ?? null,
  };
}

/** The rows to plan: claimed (`sending`) where a token was taken, so this job posts them. */
function plannedRows(targets: RenderedTarget[], waits: number[]): DeliveryTargetRow[] {
  return targets.map((target, i) => ({
    integrationId: target.integration.id,
    channel: target.channel,
    body: target.body,
    claim: waits[i] === 0,
  }));
}
