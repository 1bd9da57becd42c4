import { ChatProviderError } from '@chatops/chat';
import { type Db, type IntegrationWithDestination, markSlackInstallationRevoked } from '@chatops/db';
import { type Logger } from '@chatops/observability';

/** Slack's answers meaning the bot token no longer works: every post with it would fail the same way. */
const DEAD_TOKEN_ERRORS = new Set(['invalid_auth', 'account_inactive', 'token_revoked']);

/**
 * When Slack refused a post because the workspace's bot token no longer works, marks the
 * installation revoked (audited as `slack`, as the events route does for `tokens_revoked`), so
 * later deliveries to that workspace fail at once as `installation_revoked` and the admin API
 * shows it needs a reinstall. Returns whether it marked one; a failure to mark is only logged:
 * the delivery has failed for good either way.
 */
export async function markDeadSlackToken(
  db: Db,
  integration: IntegrationWithDestination,
  error: unknown,
  log: Logger,
): Promise<boolean> {
  const installation = integration.slackInstallation;
  if (integration.destination !== 'slack_bot' || !installation) return false;
  if (!(error instanceof ChatProviderError) || !DEAD_TOKEN_ERRORS.has(error.providerError)) return false;
  try {
    const revoked = await markSlackInstallationRevoked(
      db,
      {
        teamId: installation.teamId,
        enterpriseId: installation.enterpriseId ?? undefined,
        botTokenSealed: installation.botTokenSealed,
      },
      error.providerError,
    );
    if (revoked.length > 0)
      log.warn(
        { installations: revoked.map((i) => i.id), teamId: installation.teamId, reason: error.providerError },
        'slack installation revoked: Slack refused its bot token',
      );
    return revoked.length > 0;
  } catch (markError) {
    log.error({ err: markError, teamId: installation.teamId }, 'could not mark the slack installation revoked');
    return false;
  }
}
