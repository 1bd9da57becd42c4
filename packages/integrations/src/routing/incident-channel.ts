import { type IncidentChannel } from '@chatops/db';
import { type RouteDecision } from './plan-targets';

/**
 * An incident declared from chat may have a channel of its own: its `incident` notifications go
 * there too, besides wherever the project's integrations send them. They go through a Slack bot
 * integration of the project on the incident's workspace that notifies `incident` events (its bot
 * token posts there; the delivery is that integration's), the first in the decisions' order.
 *
 * - That integration's filters still apply: an incident its labels filter stops goes nowhere,
 *   its own channel included. An integration with no channel for incidents is fine: it may exist
 *   just to carry incidents to their own channels.
 * - The confidential guard lets the incident's own channel through: a confidential incident goes
 *   only to channels allowed confidential content, and its own channel counts as one, since it was
 *   created for this incident (by whoever declared it, from their chat).
 * - Nothing is added when no such integration exists, or when one already posts to that channel.
 */
export function addIncidentChannel(decisions: RouteDecision[], incident: IncidentChannel): RouteDecision[] {
  if (incident.provider !== 'slack') return decisions;
  const onWorkspace = ({ integration }: RouteDecision) =>
    integration.destination === 'slack_bot' &&
    integration.slackInstallation?.teamId === incident.teamId &&
    !integration.slackInstallation.revokedAt &&
    !integration.slackInstallation.pendingApproval;
  if (decisions.some((d) => onWorkspace(d) && d.channels.includes(incident.channelId))) return decisions;
  const carrier = decisions.findIndex(
    (d) =>
      onWorkspace(d) &&
      d.integration.routes.some((r) => r.event === 'incident') &&
      // Left out as a whole for a reason other than having no channel: a filter stopped it.
      !d.skipped.some((s) => s.channel === '' && s.reason !== 'no_channel'),
  );
  if (carrier < 0) return decisions;
  return decisions.map((d, i) =>
    i === carrier
      ? {
          ...d,
          channels: [...d.channels, incident.channelId],
          skipped: d.skipped.filter((s) => s.reason !== 'no_channel' && s.channel !== incident.channelId),
        }
      : d,
  );
}
