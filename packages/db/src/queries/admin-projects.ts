import { type Db } from '../client';
import { type Project, type WebhookEndpoint } from '../generated/prisma/client';
import { type SecretBox } from '../secret-box';
import { type AuditContext } from './admin-integrations';
import { createEndpoint } from './endpoints';
import { type ProjectInput } from './projects';

export function listProjects(db: Db): Promise<Project[]> {
  return db.project.findMany({ orderBy: { pathWithNamespace: 'asc' } });
}

export function findProject(db: Db, id: string): Promise<Project | null> {
  return db.project.findUnique({ where: { id } });
}

/** Registers a new project; a taken GitLab id or path is a unique violation (P2002), not an update. */
export function createAuditedProject(db: Db, input: ProjectInput, audit: AuditContext): Promise<Project> {
  return db.$transaction(async (tx) => {
    const project = await tx.project.create({ data: { ...input, defaultBranch: input.defaultBranch ?? 'main' } });
    await tx.auditEntry.create({
      data: {
        actor: audit.actor,
        action: 'project.create',
        target: project.id,
        details: { gitlabProjectId: project.gitlabProjectId, pathWithNamespace: project.pathWithNamespace },
      },
    });
    return project;
  });
}

export type EndpointSummary = Omit<WebhookEndpoint, 'secretHash' | 'signingSecretSealed'> & { signed: boolean };

/** A project's webhook endpoints, without their secrets. */
export async function listProjectEndpoints(db: Db, projectId: string): Promise<EndpointSummary[]> {
  const endpoints = await db.webhookEndpoint.findMany({ where: { projectId }, orderBy: { createdAt: 'asc' } });
  return endpoints.map(({ secretHash: _hash, signingSecretSealed, ...rest }) => ({
    ...rest,
    signed: signingSecretSealed !== null,
  }));
}

/** createEndpoint, recorded in the audit log (without the secrets, which are shown once to the caller). */
export async function createAuditedEndpoint(
  db: Db,
  input: { projectId: string; description?: string; signingBox?: SecretBox },
  audit: AuditContext,
): ReturnType<typeof createEndpoint> {
  const created = await createEndpoint(db, input);
  await db.auditEntry.create({
    data: {
      actor: audit.actor,
      action: 'endpoint.create',
      target: created.endpoint.id,
      details: { projectId: input.projectId, signed: created.signingSecret !== undefined },
    },
  });
  return created;
}
