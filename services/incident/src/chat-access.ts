import { type MattermostAccess } from '@chatops/chat';
import { findMattermostCommand, findSlackInstallationForTeam } from '@chatops/db';
import { type IncidentDeps } from './incident-deps';

/** The bot token of the workspace's Slack installation, or null when it has none (any more). */
export async function slackBotToken(deps: Pick<IncidentDeps, 'db' | 'box'>, teamId: string): Promise<string | null> {
  const installation = await findSlackInstallationForTeam(deps.db, teamId);
  return installation ? deps.box.open(installation.botTokenSealed) : null;
}

/** The Mattermost server and bot token behind a slash command, or null without a bot token. */
export async function mattermostAccess(
  deps: Pick<IncidentDeps, 'db' | 'box'>,
  mattermostCommandId: string | undefined,
): Promise<MattermostAccess | null> {
  const command = mattermostCommandId ? await findMattermostCommand(deps.db, mattermostCommandId) : null;
  if (!command) return null;
  const connection = await deps.db.mattermostConnection.findUnique({ where: { id: command.connectionId } });
  if (!connection?.botTokenSealed) return null;
  return { serverUrl: connection.url, token: deps.box.open(connection.botTokenSealed) };
}
