import { type Db, findProject } from '@chatops/db';
import { notFound, parseInput } from '../errors';
import { projectParams } from '../schemas/common';

/** The `:projectId` of a route, once checked to exist (404 otherwise). */
export async function existingProject(db: Db, params: unknown): Promise<string> {
  const { projectId } = parseInput(projectParams, params);
  if (!(await findProject(db, projectId))) throw notFound('project', projectId);
  return projectId;
}
