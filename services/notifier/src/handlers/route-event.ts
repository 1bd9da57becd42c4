import { renderSlackMessage, type SlackMessageBody } from '@chatops/chat';
import { type Db, type IntegrationForDelivery, integrationsForEndpoint, type PlannedDelivery, planDeliveries } from '@chatops/db';
import { eventKindOf } from '@chatops/gitlab';
import { type JobHandler, type JobQueues, QueueName } from '@chatops/jobs';
import { type NotificationMessage } from '@chatops/messages';
import { buildEventMessage } from '../routing/build-message';
import { planTargets } from '../routing/plan-targets';

/**
 * `events` → deliveries: classify the event, find the integrations and channels that want it,
 * render once per destination kind, record one delivery per channel and enqueue it. Safe to run
 * twice for the same event: deliveries are keyed on (integration, event, channel).
 */
export function routeEventHandler(deps: { db: Db; queues: JobQueues }): JobHandler<typeof QueueName.Events> {
  return async (job, { log }) => {
    const kind = eventKindOf(job.eventName, job.payload);
    if (!kind) {
      log.debug({ eventName: job.eventName }, 'no integration handles this event');
      return;
    }
    const built = buildEventMessage(kind, job.payload);
    if (!built) {
      log.info({ kind }, 'no message builder for this event kind yet; not notified');
      return;
    }

    const integrations = await integrationsForEndpoint(deps.db, job.endpointId);
    const targets = planTargets(kind, built.refContext, integrations);
    const planned: PlannedDelivery[] = targets.map(({ integration, channel }) => ({
      integrationId: integration.id,
      endpointId: job.endpointId,
      eventKey: job.eventKey,
      eventKind: kind,
      channel,
      body: renderFor(integration, built.message),
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

function renderFor(integration: IntegrationForDelivery, message: NotificationMessage): SlackMessageBody {
  const body = renderSlackMessage(message);
  if (integration.username) body.username = integration.username;
  return body;
}
