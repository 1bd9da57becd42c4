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
