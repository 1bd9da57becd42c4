import { type IntegrationWithDestination, isWebhookDestination } from '@chatops/db';
import { type EventKind } from '@chatops/gitlab';
import { type EventFacts } from '@chatops/messages';
import { filterSkip } from './filters';
import { type Skip } from './skip-reasons';

/** One channel of one integration an event goes to. */
export interface RouteTarget {
  integration: IntegrationWithDestination;
  channel: string;
}

/** What became of an event at one integration: the channels it goes to, and what was left out and why. */
export interface RouteDecision {
  integration: IntegrationWithDestination;
  channels: string[];
  /** `channel` is '' when the whole integration is left out. */
  skipped: Array<Skip & { channel: string }>;
}

const CONFIDENTIAL_KINDS: ReadonlySet<EventKind> = new Set(['confidential_issue', 'confidential_note']);

/**
 * Each integration's decision for this event, with the reasons for what it leaves out.
 * Confidential events go only to channels an operator marked as allowed for them: never to an
 * ordinary channel by fallback.
 */
export function routeDecisions(
  kind: EventKind,
  facts: EventFacts,
  integrations: IntegrationWithDestination[],
): RouteDecision[] {
  return integrations.map((integration) => decide(kind, facts, integration));
}

/** The channels that get this event, across integrations (the decisions' sent side). */
export function planTargets(
  kind: EventKind,
  facts: EventFacts,
  integrations: IntegrationWithDestination[],
): RouteTarget[] {
  return routeDecisions(kind, facts, integrations).flatMap(({ integration, channels }) =>
    channels.map((channel) => ({ integration, channel })),
  );
}

function decide(kind: EventKind, facts: EventFacts, integration: IntegrationWithDestination): RouteDecision {
  const leftOut = (skip: Skip): RouteDecision => ({ integration, channels: [], skipped: [{ ...skip, channel: '' }] });
  const route = integration.routes.find((r) => r.event === kind);
  if (!route) {
    const triggers = integration.routes.map((r) => r.event).join(', ') || 'none';
    return leftOut({
      reason: 'event_not_routed',
      detail: `this integration does not notify ${kind} events (its triggers: ${triggers})`,
    });
  }
  // A payload without a default branch falls back to the one stored with the project (see
  // `refreshDefaultBranch`): GitLab's filter uses the project's current default branch.
  const skip = filterSkip(integration, kind, {
    ...facts,
    defaultBranch: facts.defaultBranch ?? projectDefault(integration),
  });
  if (skip) return leftOut(skip);

  let channels =
    route.channels.length > 0 ? route.channels : integration.defaultChannel ? [integration.defaultChannel] : [];
  // An incoming webhook has a channel of its own; with none configured, post there ('').
  if (channels.length === 0 && isWebhookDestination(integration.destination)) channels = [''];
  if (channels.length === 0)
    return leftOut({
      reason: 'no_channel',
      detail: `no channel for ${kind}: set the event's channels or a default channel`,
    });
  channels = [...new Set(channels)];
  if (!CONFIDENTIAL_KINDS.has(kind) && !facts.confidential) return { integration, channels, skipped: [] };

  const allowed = channels.filter((c) => integration.confidentialChannels.includes(c));
  const skipped = channels
    .filter((c) => !allowed.includes(c))
    .map((channel) => ({
      channel,
      reason: 'confidential_channel_not_allowed' as const,
      detail: `${channel || "the webhook's own channel"} is not among the channels allowed confidential content (confidentialChannels)`,
    }));
  return { integration, channels: allowed, skipped };
}

function projectDefault(integration: IntegrationWithDestination): string | undefined {
  return integration.project?.defaultBranch || undefined;
}
