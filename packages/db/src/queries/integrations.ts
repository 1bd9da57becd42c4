import { type Db } from '../client';
import { type Prisma } from '../generated/prisma/client';
import { type DestinationKind } from '../generated/prisma/enums';

const integrationWithDestination = {
  include: { routes: true, slackInstallation: true, mattermostConnection: true, project: true },
} satisfies Prisma.IntegrationDefaultArgs;

/** An integration with its routes, project and destination (installation or connection). */
export type IntegrationWithDestination = Prisma.IntegrationGetPayload<typeof integrationWithDestination>;

/** The active integrations that may want an event arriving at this endpoint. */
export async function integrationsForEndpoint(db: Db, endpointId: string): Promise<IntegrationWithDestination[]> {
  const endpoint = await db.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { projectId: true } });
  if (!endpoint) return [];
  return db.integration.findMany({
    where: { projectId: endpoint.projectId, active: true },
    ...integrationWithDestination,
    orderBy: { createdAt: 'asc' },
  });
}

/** Every integration of a project, switched off ones included (for explaining what routing does). */
export function integrationsOfProject(db: Db, projectId: string): Promise<IntegrationWithDestination[]> {
  return db.integration.findMany({
    where: { projectId },
    ...integrationWithDestination,
    orderBy: { createdAt: 'asc' },
  });
}

export function findIntegrationWithDestination(db: Db, id: string): Promise<IntegrationWithDestination | null> {
  return db.integration.findUnique({ where: { id }, ...integrationWithDestination });
}

export interface IntegrationRouteInput {
  event: string;
  channels?: string[];
}

export type IntegrationInput = Omit<
  Prisma.IntegrationUncheckedCreateInput,
  'routes' | 'id' | 'createdAt' | 'updatedAt'
> & {
  routes: IntegrationRouteInput[];
};

export function createIntegration(db: Db, input: IntegrationInput) {
  const { routes, ...fields } = input;
  return db.integration.create({
    data: { ...fields, routes: { create: routes.map((r) => ({ event: r.event, channels: r.channels ?? [] })) } },
    include: { routes: true },
  });
}

/** Incoming webhooks carry a channel of their own and return no message id (no threads, no edits). */
export function isWebhookDestination(kind: DestinationKind): boolean {
  return kind === 'slack_webhook' || kind === 'mattermost_webhook';
}
