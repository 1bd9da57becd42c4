import { type Db } from '../client';
import { type ProjectAlias } from '../generated/prisma/client';

/** One word (it is the first word of `/gitlab <alias> …`), like a GitLab path segment or path. */
export const PROJECT_ALIAS_PATTERN = /^[A-Za-z0-9][\w.\-/]{0,99}$/;
export const PROJECT_ALIAS_RULE = 'must be one word of letters, digits, ".", "-", "_" or "/" (at most 100)';

/** Why an alias cannot be given to a project; null when it can. */
export type AliasConflict = {
  reason: 'path_of_another_project' | 'alias_of_another_project';
  projectId: string;
} | null;

/** The refusal in words, e.g. `alias "be" is the path of another project`. */
export function describeAliasConflict(alias: string, conflict: NonNullable<AliasConflict>): string {
  return `alias "${alias}" is ${conflict.reason === 'path_of_another_project' ? 'the path of another project' : 'already an alias of another project'}`;
}

export function listProjectAliases(db: Db, projectId: string): Promise<ProjectAlias[]> {
  return db.projectAlias.findMany({ where: { projectId }, orderBy: { alias: 'asc' } });
}

/**
 * Gives a project a short name for slash commands. An alias may not be another project's path or
 * alias (either would make `/gitlab <alias> …` ambiguous); both checks and the insert are one
 * transaction, and the alias column's uniqueness settles any race.
 */
export function addProjectAlias(
  db: Db,
  projectId: string,
  alias: string,
): Promise<{ alias: ProjectAlias | null; conflict: AliasConflict }> {
  return db.$transaction(async (tx) => {
    const pathOwner = await tx.project.findFirst({
      where: { pathWithNamespace: alias, id: { not: projectId } },
      select: { id: true },
    });
    if (pathOwner) return { alias: null, conflict: { reason: 'path_of_another_project', projectId: pathOwner.id } };
    const existing = await tx.projectAlias.findUnique({ where: { alias } });
    if (existing && existing.projectId !== projectId)
      return { alias: null, conflict: { reason: 'alias_of_another_project', projectId: existing.projectId } };
    const saved = existing ?? (await tx.projectAlias.create({ data: { alias, projectId } }));
    return { alias: saved, conflict: null };
  });
}

export async function removeProjectAlias(db: Db, projectId: string, alias: string): Promise<boolean> {
  return (await db.projectAlias.deleteMany({ where: { projectId, alias } })).count > 0;
}
