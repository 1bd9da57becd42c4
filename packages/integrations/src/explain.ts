import { type IntegrationWithDestination } from '@chatops/db';
import { eventKindOf, type EventKind } from '@chatops/gitlab';
import { type BuildExtras, buildNotification } from '@chatops/messages';
import { routeDecisions } from './routing/plan-targets';
import { type Skip } from './routing/skip-reasons';

/** What one integration would do with an event. */
export interface IntegrationExplanation {
  id: string;
  name: string;
  destination: string;
  /** The channels it would post to ('' is an incoming webhook's own channel). */
  sentTo: string[];
  skipped: Array<Skip & { channel: string }>;
}

export interface EventExplanation {
  eventName: string;
  /** The integration event it is routed as; null for a GitLab event no integration handles. */
  kind: EventKind | null;
  /** Why nothing at all would be sent, when that is decided before any integration is asked. */
  nothing?: string;
  integrations: IntegrationExplanation[];
}

/**
 * What the notifier would do with a webhook payload, integration by integration, and why: the
 * same decisions as routing (`routeDecisions`), without sending or recording anything. A payload
 * of the wrong shape throws AppError `malformed_body`, as routing would refuse it.
 */
export function explainEvent(
  eventName: string,
  payload: Record<string, unknown>,
  integrations: IntegrationWithDestination[],
  extras: BuildExtras = {},
): EventExplanation {
  const kind = eventKindOf(eventName, payload) ?? null;
  if (!kind) return { eventName, kind, nothing: `no integration handles ${eventName} events`, integrations: [] };
  const built = buildNotification(eventName, payload, extras);
  if (!built)
    return {
      eventName,
      kind,
      nothing: `GitLab does not notify this ${kind} event (for instance an update other than the ones GitLab announces)`,
      integrations: [],
    };
  if (integrations.length === 0)
    return { eventName, kind, nothing: 'the project has no integration', integrations: [] };

  const active = integrations.filter((integration) => integration.active);
  const decisions = new Map(routeDecisions(built.kind, built.facts, active).map((d) => [d.integration.id, d]));
  return {
    eventName,
    kind,
    integrations: integrations.map((integration) => {
      const decision = decisions.get(integration.id);
      const base = { id: integration.id, name: integration.name, destination: integration.destination };
      if (!decision)
        return {
          ...base,
          sentTo: [],
          skipped: [{ channel: '', reason: 'integration_disabled', detail: 'the integration is disabled' }],
        };
      return { ...base, sentTo: decision.channels, skipped: decision.skipped };
    }),
  };
}
