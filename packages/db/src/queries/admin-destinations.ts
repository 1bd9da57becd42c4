import { type Db } from '../client';
import { type MattermostConnection, type Prisma, type SlackInstallation } from '../generated/prisma/client';
import { type AuditContext } from './admin-integrations';

/** An integration that stands in the way of a delete, named so that an operator can find it. */
export interface IntegrationReference {
  id: string;
  name: string;
  projectId: string;
  projectPath: string;
}

/** The outcome of deleting something integrations may use. */
export type GuardedDeletion<T> =
  | { kind: 'deleted'; deleted: T }
  | { kind: 'missing' }
  /** Integrations still post through it: delete or move them first. Nothing was changed. */
  | { kind: 'referenced'; integrations: IntegrationReference[] };

/** The integrations matching `where`, named so that an operator can find them. */
export async function integrationsUsing(
  tx: Prisma.TransactionClient,
  where: Prisma.IntegrationWhereInput,
): Promise<IntegrationReference[]> {
  const rows = await tx.integration.findMany({
    where,
    select: { id: true, name: true, projectId: true, project: { select: { pathWithNamespace: true } } },
    orderBy: [{ project: { pathWithNamespace: 'asc' } }, { name: 'asc' }],
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    projectId: r.projectId,
    projectPath: r.project.pathWithNamespace,
  }));
}

/** A Slack installation as operators see it: never its bot token. */
export type SlackInstallationSummary = Omit<SlackInstallation, 'botTokenSealed'>;

export async function listSlackInstallations(db: Db): Promise<SlackInstallationSummary[]> {
  const rows = await db.slackInstallation.findMany({ orderBy: [{ installedAt: 'asc' }, { id: 'asc' }] });
  return rows.map(({ botTokenSealed: _token, ...rest }) => rest);
}

/**
 * The bot scopes Slack requires for an incident's own channel: `conversations.create` and
 * `conversations.invite` on public channels.
 */
export const INCIDENT_CHANNEL_SCOPES = ['channels:manage', 'channels:write.invites'] as const;

/** Which of {@link INCIDENT_CHANNEL_SCOPES} an installation was not granted. */
export function missingIncidentChannelScopes(installation: Pick<SlackInstallation, 'scopes'>): string[] {
  return INCIDENT_CHANNEL_SCOPES.filter((scope) => !installation.scopes.includes(scope));
}

/**
 * Turns a workspace's channel per declared incident on or off (audited); null when there is no
 * such installation. Incidents declared before keep the channel they have.
 */
export async function setAuditedSlackIncidentChannels(
  db: Db,
  id: string,
  enabled: boolean,
  audit: AuditContext,
): Promise<SlackInstallationSummary | null> {
  return db.$transaction(async (tx) => {
    const existing = await tx.slackInstallation.findUnique({ where: { id }, select: { id: true } });
    if (!existing) return null;
    const { botTokenSealed: _token, ...updated } = await tx.slackInstallation.update({
      where: { id },
      data: { incidentChannels: enabled },
    });
    await tx.auditEntry.create({
      data: {
        actor: audit.actor,
        action: enabled ? 'slack_installation.incident_channels_on' : 'slack_installation.incident_channels_off',
        target: id,
        details: { teamId: updated.teamId, teamName: updated.teamName, ...audit.details },
      },
    });
    return updated;
  });
}

/**
 * Deletes a Slack installation (its bot token with it) unless integrations post through it: then
 * nothing changes and they are named. The row is locked first, so an integration created
 * meanwhile either is seen here or waits and then fails on its missing installation.
 */
export function deleteAuditedSlackInstallation(
  db: Db,
  id: string,
  audit: AuditContext,
): Promise<GuardedDeletion<SlackInstallationSummary>> {
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM "SlackInstallation" WHERE id = ${id} FOR UPDATE`;
    if (locked.length === 0) return { kind: 'missing' };
    const integrations = await integrationsUsing(tx, { slackInstallationId: id });
    if (integrations.length > 0) return { kind: 'referenced', integrations };
    const { botTokenSealed: _token, ...deleted } = await tx.slackInstallation.delete({ where: { id } });
    await tx.auditEntry.create({
      data: {
        actor: audit.actor,
        action: 'slack_installation.delete',
        target: id,
        details: {
          teamId: deleted.teamId,
          enterpriseId: deleted.enterpriseId,
          teamName: deleted.teamName,
          ...audit.details,
        },
      },
    });
    return { kind: 'deleted', deleted };
  });
}

/** A Mattermost connection as operators see it: never its bot token, only whether it has one. */
export type MattermostConnectionSummary = Omit<MattermostConnection, 'botTokenSealed'> & { hasBotToken: boolean };

export async function listMattermostConnections(db: Db): Promise<MattermostConnectionSummary[]> {
  const rows = await db.mattermostConnection.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return rows.map(({ botTokenSealed, ...rest }) => ({ ...rest, hasBotToken: botTokenSealed !== null }));
}

/**
 * Deletes a Mattermost connection unless integrations post through it (then nothing changes and
 * they are named). The slash commands registered on it go with it, deliberately: they are the
 * connection's own and answer from its server only (their tokens stop working).
 */
export function deleteAuditedMattermostConnection(
  db: Db,
  id: string,
  audit: AuditContext,
): Promise<GuardedDeletion<MattermostConnectionSummary & { commandIds: string[] }>> {
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM "MattermostConnection" WHERE id = ${id} FOR UPDATE`;
    if (locked.length === 0) return { kind: 'missing' };
    const integrations = await integrationsUsing(tx, { mattermostConnectionId: id });
    if (integrations.length > 0) return { kind: 'referenced', integrations };
    const commands = await tx.mattermostCommand.findMany({ where: { connectionId: id }, select: { id: true } });
    const { botTokenSealed, ...connection } = await tx.mattermostConnection.delete({ where: { id } });
    const deleted = { ...connection, hasBotToken: botTokenSealed !== null, commandIds: commands.map((c) => c.id) };
    await tx.auditEntry.create({
      data: {
        actor: audit.actor,
        action: 'mattermost_connection.delete',
        target: id,
        details: { name: deleted.name, url: deleted.url, commandIds: deleted.commandIds, ...audit.details },
      },
    });
    return { kind: 'deleted', deleted };
  });
}

/** Deletes a Mattermost slash command (its token stops working) and records it; false when there was none. */
export function deleteAuditedMattermostCommand(db: Db, id: string, audit: AuditContext): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const existing = await tx.mattermostCommand.findUnique({
      where: { id },
      select: { connectionId: true, teamId: true, trigger: true, projectId: true, remoteId: true },
    });
    if (!existing) return false;
    await tx.mattermostCommand.delete({ where: { id } });
    await tx.auditEntry.create({
      data: {
        actor: audit.actor,
        action: 'mattermost_command.delete',
        target: id,
        details: { ...existing, ...audit.details },
      },
    });
    return true;
  });
}
