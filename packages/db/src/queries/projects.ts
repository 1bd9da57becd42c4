import { type Db } from '../client';
import { type Project } from '../generated/prisma/client';

export interface ProjectInput {
  gitlabProjectId: number;
  pathWithNamespace: string;
  name: string;
  webUrl: string;
  defaultBranch?: string;
}

/** Registers a GitLab project, or refreshes what we know of it (paths change on renames). */
export function upsertProject(db: Db, input: ProjectInput): Promise<Project> {
  const data = { ...input, defaultBranch: input.defaultBranch ?? 'main' };
  return db.project.upsert({ where: { gitlabProjectId: input.gitlabProjectId }, create: data, update: data });
}

export function findProjectByPathOrAlias(db: Db, pathOrAlias: string): Promise<Project | null> {
  return db.project.findFirst({
    where: { OR: [{ pathWithNamespace: pathOrAlias }, { aliases: { some: { alias: pathOrAlias } } }] },
  });
}

/**
 * Records the project's current default branch as GitLab's events carry it (GitLab's branch
 * filter uses the project's current one); writes only when it changed.
 */
export async function refreshDefaultBranch(db: Db, projectId: string, defaultBranch: string): Promise<void> {
  await db.project.updateMany({ where: { id: projectId, NOT: { defaultBranch } }, data: { defaultBranch } });
}
