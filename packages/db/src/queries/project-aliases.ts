import { type Db } from '../client';
import { type ProjectAlias } from '../generated/prisma/client';

/** Why an alias cannot be given to a project; null when it can. */
export type AliasConflict = { reason: 'path_of_another_project' | 'alias_of_another_project'; projectId: string } | null;

export function listProjectAliases(db: Db, projectId: string): Promise<ProjectAlias[]> {
  return db.projectAlias.findMany({ where: { projectId }, orderBy: { alias: 'asc' } });
}

/**
 * Gives a project a short name for slash commands. An alias may not be another project's path or
 * alias (either would make `/gitlab <alias> …` ambiguous); both checks and the insert are one
 * transaction, and the alias column's uniqueness settles any race.
 */
export function addProjectAlias(db: Db, projectId: string, alias: string): Promise<{ alias: ProjectAlias | null; conflict: AliasConflict }> {
  return db.$transaction(async (tx) => {
    const pathOwner = await tx.project.findFirst({ where: { pathWithNamespace: alias, id: { not: projectId } }, select: { id: true } });
    if (pathOwner) return { alias: null, conflict: { reason: 'path_of_another_project', projectId: pathOwner.id } };
    const existing = await tx.projectAlias.findUnique({ where: { alias } });
    if (existing && existing.projectId !== projectId) return { alias: null, conflict: { reason: 'alias_of_another_project', projectId: existing.projectId } };
    const saved = existing ?? (await tx.projectAlias.create({ data: { alias, projectId } }));
    return { alias: saved, conflict: null };
  });
}

export async function removeProjectAlias(db: Db, projectId: string, alias: string): Promise<boolean> {
  return (await db.projectAlias.deleteMany({ where: { projectId, alias } })).count > 0;
}
