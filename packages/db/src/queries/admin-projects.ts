import { type Db } from '../client';
import { type Project } from '../generated/prisma/client';
import { type AuditContext } from './admin-integrations';
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

/** What went with a deleted project. */
export interface ProjectDeletion {
  project: Pick<Project, 'id' | 'gitlabProjectId' | 'pathWithNamespace'>;
  endpointIds: string[];
  integrations: Array<{ id: string; name: string }>;
  aliases: string[];
  mattermostCommandIds: string[];
}

/**
 * Deletes a project and, deliberately, everything that is only its own: its webhook endpoints
 * (GitLab's calls get 404), its integrations with their routes, delivery logs and thread anchors,
 * its slash-command aliases, the Mattermost commands bound to it. Nothing of another project,
 * no installation or connection, and no record of an incident declared from chat (those are
 * GitLab's, whatever chatops registers) goes with it. The audit entry lists what
 * went. Null when there was no such project.
 */
export function deleteAuditedProject(db: Db, id: string, audit: AuditContext): Promise<ProjectDeletion | null> {
  return db.$transaction(async (tx) => {
    const project = await tx.project.findUnique({
      where: { id },
      select: { id: true, gitlabProjectId: true, pathWithNamespace: true },
    });
    if (!project) return null;
    // One statement after another: a transaction has one connection, and relation selects
    // would make the query engine send them at once.
    const byProject = { where: { projectId: id } };
    const endpoints = await tx.webhookEndpoint.findMany({
      ...byProject,
      select: { id: true },
      orderBy: { createdAt: 'asc' },
    });
    const integrations = await tx.integration.findMany({
      ...byProject,
      select: { id: true, name: true },
      orderBy: { createdAt: 'asc' },
    });
    const aliases = await tx.projectAlias.findMany({
      ...byProject,
      select: { alias: true },
      orderBy: { alias: 'asc' },
    });
    const commands = await tx.mattermostCommand.findMany({
      ...byProject,
      select: { id: true },
      orderBy: { createdAt: 'asc' },
    });
    const deletion: ProjectDeletion = {
      project,
      endpointIds: endpoints.map((e) => e.id),
      integrations,
      aliases: aliases.map((a) => a.alias),
      mattermostCommandIds: commands.map((c) => c.id),
    };
    // Every row above references the project with ON DELETE CASCADE.
    await tx.project.delete({ where: { id } });
    await tx.auditEntry.create({
      data: {
        actor: audit.actor,
        action: 'project.delete',
        target: id,
        details: {
          gitlabProjectId: deletion.project.gitlabProjectId,
          pathWithNamespace: deletion.project.pathWithNamespace,
          endpointIds: deletion.endpointIds,
          integrations: deletion.integrations,
          aliases: deletion.aliases,
          mattermostCommandIds: deletion.mattermostCommandIds,
          ...audit.details,
        },
      },
    });
    return deletion;
  });
}
