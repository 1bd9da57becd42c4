import { renderForDestination } from '@chatops/chat';
import { type IntegrationWithDestination, planDeliveries, type SqlPool } from '@chatops/db';
import { type JobHandler, type JobQueues, QueueName } from '@chatops/jobs';
import { eventKindOf } from '@chatops/gitlab';
import { buildNotification } from '@chatops/messages';
import { type TtlCache } from '@chatops/runtime';
import { channelKeyOf } from '../delivery/channel-key';
import { type PipelineEnricher } from '../enrichment/pipeline-enricher';
import { planTargets } from '../routing/plan-targets';

/**
 * `events` → deliveries: classify the event, find the integrations and channels that want it,
 * render once per destination kind, record one delivery per channel and enqueue it. Safe to run
 * twice for the same event: deliveries are keyed on (integration, event, channel).
 */
export interface RouteEventDeps {
  sql: SqlPool;
  queues: JobQueues;
  pipelines: PipelineEnricher;
  /** An endpoint's active integrations, cached briefly: every event needs them. */
  integrations: TtlCache<IntegrationWithDestination[]>;
}

export function routeEventHandler(deps: RouteEventDeps): JobHandler<typeof QueueName.Events> {
  return async (job, { log }) => {
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
    const meta = job.meta.requestId ? { requestId: job.meta.requestId } : {};
    for (const delivery of deliveries) {
      if (delivery.status !== 'pending') continue;
      const integration = byId.get(delivery.integrationId);
      const channelKey = integration ? channelKeyOf(integration, delivery.channel) : undefined;
      // The delivery id as job id: while that job exists, enqueueing it again is a no-op.
      await deps.queues.enqueue(QueueName.Deliveries, { deliveryId: delivery.id, ...(channelKey ? { channelKey } : {}), meta }, { jobId: delivery.id });
    }
    log.info({ kind, integrations: integrations.length, deliveries: deliveries.length }, 'event routed');
  };
}
