import { type Db } from '../client';
import { type InstallRequest, type Prisma, type SlackInstallation } from '../generated/prisma/client';
import { type SecretBox } from '../secret-box';

export interface SlackInstallationInput {
  teamId: string;
  enterpriseId?: string;
  teamName: string;
  appId?: string;
  botUserId: string;
  botToken: string;
  scopes: string[];
  installedBy?: string;
}

/**
 * Stores a workspace's installation by hand (`slack:install:add`): active at once, as the operator
 * adding it decides; reinstalling replaces the bot token.
 */
export function saveSlackInstallation(
  db: Db,
  box: SecretBox,
  input: SlackInstallationInput,
): Promise<SlackInstallation> {
  const { botToken, ...rest } = input;
  const data = {
    ...rest,
    enterpriseId: input.enterpriseId ?? '',
    botTokenSealed: box.seal(botToken),
    revokedAt: null,
    pendingApproval: false,
  };
  return db.slackInstallation.upsert({
    where: { teamId_enterpriseId: { teamId: input.teamId, enterpriseId: data.enterpriseId } },
    create: data,
    update: data,
  });
}

/**
 * The active installation serving a Slack workspace (an Enterprise Grid org-wide one counts too):
 * neither revoked nor waiting for approval, so whoever gets one may post and act in the workspace.
 */
export function findSlackInstallationForTeam(
  db: Db,
  teamId: string,
  enterpriseId?: string,
): Promise<SlackInstallation | null> {
  const scopes = [{ teamId }, ...(enterpriseId ? [{ enterpriseId }] : [])];
  return db.slackInstallation.findFirst({
    where: { revokedAt: null, pendingApproval: false, OR: scopes },
    orderBy: { installedAt: 'desc' },
  });
}

/** Whether a workspace's installation is waiting for an administrator's approval (to say so). */
export async function isSlackInstallationPending(db: Db, teamId: string, enterpriseId?: string): Promise<boolean> {
  const scopes = [{ teamId }, ...(enterpriseId ? [{ enterpriseId }] : [])];
  const pending = await db.slackInstallation.findFirst({
    where: { revokedAt: null, pendingApproval: true, OR: scopes },
    select: { id: true },
  });
  return pending !== null;
}

/** What "Add to Slack" brings back from Slack's OAuth exchange, and what the installer asked. */
export interface OAuthSlackInstallInput extends SlackInstallationInput {
  /** The installer's Slack user id (Slack's `authed_user.id`). */
  installedBy: string;
  /** The manifest's facts (request URLs, scopes, events) the install was made with. */
  manifest: Prisma.InputJsonValue;
  /** What the installer wrote on the install page (for the approval request). */
  requestMessage: string;
  /** Whether this workspace needs an administrator's approval (the install policy, pre-approved teams). */
  requiresApproval: boolean;
}

export type OAuthSlackInstallOutcome =
  /** Served at once: new (open policy, pre-approved team) or an installation approved before. */
  | { kind: 'active'; installation: SlackInstallation; reinstall: boolean }
  /** Stored, pending an administrator's decision on its request. */
  | { kind: 'pending'; installation: SlackInstallation; request: InstallRequest; reinstall: boolean };

/**
 * Stores an installation made through Slack's OAuth flow. A workspace installed before keeps its
 * row (reinstalling replaces the token and scopes and clears `revokedAt`): one approved stays
 * approved, one pending stays pending with its request's message updated. A new one is pending,
 * with an install request, when it requires approval. Audited as the installer.
 */
export function storeOAuthSlackInstallation(
  db: Db,
  box: SecretBox,
  input: OAuthSlackInstallInput,
): Promise<OAuthSlackInstallOutcome> {
  const { botToken, requestMessage, requiresApproval, ...rest } = input;
  const enterpriseId = input.enterpriseId ?? '';
  return db.$transaction(async (tx) => {
    const existing = await tx.slackInstallation.findUnique({
      where: { teamId_enterpriseId: { teamId: input.teamId, enterpriseId } },
    });
    const pending = existing ? existing.pendingApproval && requiresApproval : requiresApproval;
    const data = {
      ...rest,
      enterpriseId,
      botTokenSealed: box.seal(botToken),
      revokedAt: null,
      pendingApproval: pending,
      installedAt: new Date(),
    };
    const installation = existing
      ? await tx.slackInstallation.update({ where: { id: existing.id }, data })
      : await tx.slackInstallation.create({ data });
    let request: InstallRequest | undefined;
    if (pending) {
      const fields = {
        teamId: input.teamId,
        enterpriseId,
        teamName: input.teamName,
        requestedBy: input.installedBy,
        message: requestMessage,
      };
      request = await tx.installRequest.upsert({
        where: { installationId: installation.id },
        create: { ...fields, installationId: installation.id },
        update: { ...fields, status: 'pending', createdAt: new Date() },
      });
    } else if (existing?.pendingApproval) {
      // Pre-approved (or the policy opened) since it asked: its request is settled by the policy.
      await tx.installRequest.updateMany({
        where: { installationId: installation.id, status: 'pending' },
        data: { status: 'approved', decidedBy: 'policy', decidedAt: new Date() },
      });
    }
    await tx.auditEntry.create({
      data: {
        actor: `slack:${input.installedBy}`,
        action: existing ? 'slack_installation.reinstall' : 'slack_installation.install',
        target: installation.id,
        details: { teamId: input.teamId, enterpriseId, teamName: input.teamName, scopes: input.scopes, pending },
      },
    });
    const reinstall = existing !== null;
    return request
      ? { kind: 'pending', installation, request, reinstall }
      : { kind: 'active', installation, reinstall };
  });
}

/**
 * Slack said the app lost its token in a workspace (`app_uninstalled`, `tokens_revoked` for the
 * bot, or a post answered `invalid_auth`, `account_inactive`, `token_revoked`): its installations
 * are marked revoked, so nothing is posted with the dead token. A later install of the workspace
 * clears the mark. Audited as `slack`; returns the installations marked. `botTokenSealed` limits
 * it to installations still holding that token: a post made with a token a reinstall has just
 * replaced must not revoke the new one.
 */
export function markSlackInstallationRevoked(
  db: Db,
  where: { teamId: string; enterpriseId?: string | undefined; botTokenSealed?: string },
  reason: string,
): Promise<SlackInstallation[]> {
  return db.$transaction(async (tx) => {
    const rows = await tx.slackInstallation.findMany({
      where: {
        teamId: where.teamId,
        revokedAt: null,
        ...(where.enterpriseId ? { enterpriseId: where.enterpriseId } : {}),
        ...(where.botTokenSealed ? { botTokenSealed: where.botTokenSealed } : {}),
      },
    });
    const revokedAt = new Date();
    for (const row of rows) {
      await tx.slackInstallation.update({ where: { id: row.id }, data: { revokedAt } });
      await tx.auditEntry.create({
        data: {
          actor: 'slack',
          action: 'slack_installation.revoked',
          target: row.id,
          details: { teamId: row.teamId, enterpriseId: row.enterpriseId, teamName: row.teamName, reason },
        },
      });
    }
    return rows.map((row) => ({ ...row, revokedAt }));
  });
}
