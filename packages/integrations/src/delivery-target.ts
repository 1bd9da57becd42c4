import { type DeliveryTarget } from '@chatops/chat';
import { type IntegrationWithDestination, type SecretBox } from '@chatops/db';

export type TargetResolution =
  | { ok: true; target: DeliveryTarget }
  | {
      ok: false;
      reason:
        | 'installation_missing'
        | 'installation_revoked'
        | 'installation_pending'
        | 'webhook_missing'
        | 'connection_missing';
    };

type DestinationFields = Pick<
  IntegrationWithDestination,
  'destination' | 'webhookUrlSealed' | 'slackInstallation' | 'mattermostConnection'
>;

/**
 * An integration's destination and credential for one channel, unsealed; or why it has none. A
 * Slack installation the workspace removed (`app_uninstalled`, `tokens_revoked`) or one waiting for
 * an administrator's approval has none: nothing is posted to that workspace.
 */
export function resolveDeliveryTarget(
  box: SecretBox,
  integration: DestinationFields,
  channel: string,
): TargetResolution {
  switch (integration.destination) {
    case 'slack_bot': {
      const installation = integration.slackInstallation;
      if (!installation) return { ok: false, reason: 'installation_missing' };
      if (installation.revokedAt) return { ok: false, reason: 'installation_revoked' };
      if (installation.pendingApproval) return { ok: false, reason: 'installation_pending' };
      return { ok: true, target: { kind: 'slack_bot', channel, credential: box.open(installation.botTokenSealed) } };
    }
    case 'slack_webhook':
    case 'mattermost_webhook':
      if (!integration.webhookUrlSealed) return { ok: false, reason: 'webhook_missing' };
      return {
        ok: true,
        target: { kind: integration.destination, channel, credential: box.open(integration.webhookUrlSealed) },
      };
    case 'mattermost_bot': {
      const connection = integration.mattermostConnection;
      if (!connection?.botTokenSealed) return { ok: false, reason: 'connection_missing' };
      return {
        ok: true,
        target: {
          kind: 'mattermost_bot',
          channel,
          credential: box.open(connection.botTokenSealed),
          serverUrl: connection.url,
        },
      };
    }
  }
}
