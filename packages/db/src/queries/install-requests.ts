import { type Db } from '../client';
import { type InstallRequest, type SlackInstallation } from '../generated/prisma/client';
import { type InstallRequestStatus } from '../generated/prisma/enums';
import { type AuditContext } from './admin-integrations';
import { type IntegrationReference, integrationsUsing } from './admin-destinations';

/** An install request with the state of its installation (never its token). */
export type InstallRequestWithInstallation = InstallRequest & {
  installation: Pick<SlackInstallation, 'id' | 'scopes' | 'revokedAt' | 'installedAt'> | null;
};

const withInstallation = {
  installation: { select: { id: true, scopes: true, revokedAt: true, installedAt: true } },
} as const;

/** Install requests, oldest first (the order they are worked through); all of them without a status. */
export function listInstallRequests(
  db: Db,
  filter: { status?: InstallRequestStatus | undefined } = {},
): Promise<InstallRequestWithInstallation[]> {
  return db.installRequest.findMany({
    where: filter.status ? { status: filter.status } : {},
    include: withInstallation,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}

/** The outcome of deciding an install request. */
export type InstallDecision =
  | { kind: 'missing' }
  /** Decided before (approved or denied): nothing changed. */
  | { kind: 'decided'; request: InstallRequest }
  /** Approving: its installation is gone (deleted by an administrator) or the workspace removed the app since. */
  | { kind: 'installation_gone'; request: InstallRequest }
  /** Integrations were set up to post through the pending installation: a denial would delete it under them. */
  | { kind: 'referenced'; integrations: IntegrationReference[] }
  /**
   * Decided: the installation as it was, with its sealed token, to tell the installer and (denied)
   * revoke it; null when a denied request's installation was gone already (nobody to tell).
   */
  | { kind: 'approved'; request: InstallRequestWithInstallation; installation: SlackInstallation }
  | { kind: 'denied'; request: InstallRequestWithInstallation; installation: SlackInstallation | null };

/**
 * Approves or denies a pending install request, audited, in one transaction (the request locked, so
 * two administrators cannot both decide). Approved: the installation is served from now on.
 * Denied: the installation is deleted (its token with it; the caller revokes the token at Slack)
 * and the request kept, as the record of the decision. Telling the installer is the caller's.
 */
export function decideInstallRequest(
  db: Db,
  id: string,
  decision: { approve: boolean; note: string | null },
  audit: AuditContext,
): Promise<InstallDecision> {
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM "InstallRequest" WHERE id = ${id} FOR UPDATE`;
    if (locked.length === 0) return { kind: 'missing' };
    const request = await tx.installRequest.findUniqueOrThrow({ where: { id }, include: { installation: true } });
    if (request.status !== 'pending') return { kind: 'decided', request };
    const installation = request.installation;
    if (decision.approve && (!installation || installation.revokedAt)) return { kind: 'installation_gone', request };
    if (!decision.approve && installation) {
      const integrations = await integrationsUsing(tx, { slackInstallationId: installation.id });
      if (integrations.length > 0) return { kind: 'referenced', integrations };
    }
    const decided = await tx.installRequest.update({
      where: { id },
      data: {
        status: decision.approve ? 'approved' : 'denied',
        decidedBy: audit.actor,
        decidedAt: new Date(),
        decisionNote: decision.note,
      },
      include: withInstallation,
    });
    if (installation && decision.approve)
      await tx.slackInstallation.update({ where: { id: installation.id }, data: { pendingApproval: false } });
    else if (installation) await tx.slackInstallation.delete({ where: { id: installation.id } });
    await tx.auditEntry.create({
      data: {
        actor: audit.actor,
        action: decision.approve ? 'slack_install_request.approve' : 'slack_install_request.deny',
        target: id,
        details: {
          teamId: request.teamId,
          teamName: request.teamName,
          installationId: installation?.id ?? null,
          requestedBy: request.requestedBy,
          ...(decision.note ? { note: decision.note } : {}),
          ...audit.details,
        },
      },
    });
    if (decision.approve && installation) return { kind: 'approved', request: decided, installation };
    return { kind: 'denied', request: { ...decided, installation: null }, installation };
  });
}
