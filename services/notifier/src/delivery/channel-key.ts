import { type Integration } from '@chatops/db';

/**
 * The rate-limit key of one channel: the workspace or server it lives in (a Slack team, a
 * Mattermost connection, else the integration's own webhook) plus the channel.
 */
export function channelKeyOf(
  integration: Pick<Integration, 'id' | 'destination' | 'mattermostConnectionId'> & {
    slackInstallation?: { teamId: string } | null;
  },
  channel: string,
): string {
  const scope = integration.slackInstallation?.teamId ?? integration.mattermostConnectionId ?? integration.id;
  return `${integration.destination}:${scope}:${channel}`;
}
