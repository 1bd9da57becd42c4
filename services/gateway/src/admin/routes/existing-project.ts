import { type Db, findProject } from '@chatops/db';
import { notFound } from '../errors';

/** The `:projectId` of a route, once checked to exist (404 otherwise). */
export async function existingProject(db: Db, projectId: string): Promise<string> {
  if (!(await findProject(db, projectId))) throw notFound('project', projectId);
  return projectId;
}
