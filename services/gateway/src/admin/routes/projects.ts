import { createAuditedProject, listProjects } from '@chatops/db';
import { type FastifyInstance } from 'fastify';
import { parseInput } from '../errors';
import { ADMIN_ACTOR, type AdminApiOptions } from '../options';
import { createProjectBody } from '../schemas/project';
import { projectView } from '../views';

/** GitLab projects known to the suite. */
export async function projectRoutes(app: FastifyInstance, { db }: AdminApiOptions): Promise<void> {
  app.get('/projects', async () => ({ items: (await listProjects(db)).map(projectView) }));

  app.post('/projects', async (request, reply) => {
    const body = parseInput(createProjectBody, request.body);
    const project = await createAuditedProject(db, body, { actor: ADMIN_ACTOR });
    return reply.status(201).send(projectView(project));
  });
}
