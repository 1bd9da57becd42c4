import { type IntegrationWithDestination, isWebhookDestination } from '@chatops/db';
import { type EventKind } from '@chatops/gitlab';
import { type EventFacts } from '@chatops/messages';
import { eventPasses } from './filters';

export interface DeliveryTarget {
  integration: IntegrationWithDestination;
  channel: string;
}

const CONFIDENTIAL_KINDS: ReadonlySet<EventKind> = new Set(['confidential_issue', 'confidential_note']);

/**
 * Which integrations want this event, and in which channels. Confidential events go only to
 * channels an operator marked as allowed for them: never to an ordinary channel by fallback.
 */
export function planTargets(
  kind: EventKind,
  facts: EventFacts,
  integrations: IntegrationWithDestination[],
): DeliveryTarget[] {
  const targets: DeliveryTarget[] = [];
  for (const integration of integrations) {
    const route = integration.routes.find((r) => r.event === kind);
    if (!route) continue;
    if (!eventPasses(integration, kind, facts)) continue;

    let channels =
      route.channels.length > 0 ? route.channels : integration.defaultChannel ? [integration.defaultChannel] : [];
    // An incoming webhook has a channel of its own; with none configured, post there ('').
    if (channels.length === 0 && isWebhookDestination(integration.destination)) channels = [''];
    if (CONFIDENTIAL_KINDS.has(kind)) channels = channels.filter((c) => integration.confidentialChannels.includes(c));
    for (const channel of new Set(channels)) targets.push({ integration, channel });
  }
  return targets;
}
