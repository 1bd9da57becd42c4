import { type Db } from '../client';
import { type Prisma } from '../generated/prisma/client';
import { type BranchScope, type DestinationKind, type LabelMatch } from '../generated/prisma/enums';

const withRoutes = { include: { routes: { orderBy: { event: 'asc' } } } } satisfies Prisma.IntegrationDefaultArgs;

export type IntegrationWithRoutes = Prisma.IntegrationGetPayload<typeof withRoutes>;

/** Columns an administrator may set on an integration; the webhook URL arrives already sealed. */
export interface IntegrationFields {
  name: string;
  active?: boolean;
  destination: DestinationKind;
  slackInstallationId?: string | null;
  mattermostConnectionId?: string | null;
  webhookUrlSealed?: string | null;
  defaultChannel?: string | null;
  username?: string | null;
  confidentialChannels?: string[];
  threading?: boolean;
  notifyOnlyBrokenPipelines?: boolean;
  notifyOnlyWhenPipelineStatusChanges?: boolean;
  branchesToBeNotified?: BranchScope;
  branchInclude?: string[];
  branchExclude?: string[];
  labelsToBeNotified?: string[];
  labelsBehavior?: LabelMatch;
  labelsExclude?: string[];
}

export interface AdminRouteInput {
  event: string;
  channels: string[];
}

/** Who made an administrative change, and anything worth keeping about it (never secrets). */
export interface AuditContext {
  actor: string;
  details?: Prisma.InputJsonObject;
}

export function listProjectIntegrations(db: Db, projectId: string): Promise<IntegrationWithRoutes[]> {
  return db.integration.findMany({ where: { projectId }, ...withRoutes, orderBy: { createdAt: 'asc' } });
}

export function findIntegrationWithRoutes(db: Db, id: string): Promise<IntegrationWithRoutes | null> {
  return db.integration.findUnique({ where: { id }, ...withRoutes });
}

/** Creates an integration with its routes and records who did it, in one transaction. */
export function createAuditedIntegration(
  db: Db,
  input: { projectId: string; fields: IntegrationFields; routes: AdminRouteInput[] },
  audit: AuditContext,
): Promise<IntegrationWithRoutes> {
  return db.$transaction(async (tx) => {
    const integration = await tx.integration.create({
      data: { ...input.fields, projectId: input.projectId, routes: { create: input.routes } },
      ...withRoutes,
    });
    await tx.auditEntry.create({
      data: { actor: audit.actor, action: 'integration.create', target: integration.id, details: audit.details ?? {} },
    });
    return integration;
  });
}

/**
 * Changes an integration's columns and, when `routes` is given, replaces its routes as a whole.
 * Resolves to null when the integration does not exist.
 */
export function updateAuditedIntegration(
  db: Db,
  id: string,
  patch: { fields: Partial<IntegrationFields>; routes?: AdminRouteInput[] | undefined },
  audit: AuditContext,
): Promise<IntegrationWithRoutes | null> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.integration.updateMany({ where: { id }, data: patch.fields });
    if (count === 0) return null;
    if (patch.routes) {
      await tx.integrationRoute.deleteMany({ where: { integrationId: id } });
      await tx.integrationRoute.createMany({ data: patch.routes.map((r) => ({ ...r, integrationId: id })) });
    }
    await tx.auditEntry.create({
      data: { actor: audit.actor, action: 'integration.update', target: id, details: audit.details ?? {} },
    });
    return tx.integration.findUnique({ where: { id }, ...withRoutes });
  });
}

/** Deletes an integration (its routes and deliveries go with it); false when there was none. */
export function deleteAuditedIntegration(db: Db, id: string, audit: AuditContext): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const existing = await tx.integration.findUnique({ where: { id }, select: { projectId: true, name: true } });
    if (!existing) return false;
    await tx.integration.delete({ where: { id } });
    await tx.auditEntry.create({
      data: {
        actor: audit.actor,
        action: 'integration.delete',
        target: id,
        details: { ...existing, ...audit.details },
      },
    });
    return true;
  });
}

/** Names of the reference fields whose ids point at nothing (`slackInstallationId`, `mattermostConnectionId`). */
export async function missingIntegrationReferences(
  db: Db,
  refs: { slackInstallationId?: string | null | undefined; mattermostConnectionId?: string | null | undefined },
): Promise<Array<'slackInstallationId' | 'mattermostConnectionId'>> {
  const missing: Array<'slackInstallationId' | 'mattermostConnectionId'> = [];
  if (
    refs.slackInstallationId &&
    !(await db.slackInstallation.findUnique({ where: { id: refs.slackInstallationId }, select: { id: true } }))
  ) {
    missing.push('slackInstallationId');
  }
  if (
    refs.mattermostConnectionId &&
    !(await db.mattermostConnection.findUnique({ where: { id: refs.mattermostConnectionId }, select: { id: true } }))
  ) {
    missing.push('mattermostConnectionId');
  }
  return missing;
}
