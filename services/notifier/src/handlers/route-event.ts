import { renderForDestination } from '@chatops/chat';
import { type Db, integrationsForEndpoint, type PlannedDelivery, planDeliveries } from '@chatops/db';
import { type JobHandler, type JobQueues, QueueName } from '@chatops/jobs';
import { buildNotification } from '@chatops/messages';
import { planTargets } from '../routing/plan-targets';

/**
 * `events` → deliveries: classify the event, find the integrations and channels that want it,
 * render once per destination kind, record one delivery per channel and enqueue it. Safe to run
 * twice for the same event: deliveries are keyed on (integration, event, channel).
 */
export function routeEventHandler(deps: { db: Db; queues: JobQueues }): JobHandler<typeof QueueName.Events> {
  return async (job, { log }) => {
    const built = buildNotification(job.eventName, job.payload);
    if (!built) {
      log.debug({ eventName: job.eventName }, 'no notification for this event');
      return;
    }
    const { kind } = built;

    const integrations = await integrationsForEndpoint(deps.db, job.endpointId);
    const targets = planTargets(kind, built.facts, integrations);
    const planned: PlannedDelivery[] = targets.map(({ integration, channel }) => ({
      integrationId: integration.id,
      endpointId: job.endpointId,
      eventKey: job.eventKey,
      eventKind: kind,
      channel,
      threadKey: built.facts.threadKey ?? null,
      body: renderForDestination(integration.destination, built.message, { username: integration.username }),
    }));

    const deliveries = await planDeliveries(deps.db, planned);
    for (const delivery of deliveries) {
      if (delivery.status !== 'pending') continue;
      // The delivery id as job id: while that job exists, enqueueing it again is a no-op.
      await deps.queues.enqueue(QueueName.Deliveries, { deliveryId: delivery.id, meta: job.meta.requestId ? { requestId: job.meta.requestId } : {} }, { jobId: delivery.id });
    }
    log.info({ kind, integrations: integrations.length, deliveries: deliveries.length }, 'event routed');
  };
}
