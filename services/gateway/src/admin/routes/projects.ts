import { createAuditedProject, listProjects } from '@chatops/db';
import { type FastifyInstance } from 'fastify';
import { type ZodTypeProvider } from 'fastify-type-provider-zod';
import { ADMIN_ACTOR, type AdminApiOptions } from '../options';
import { responses } from '../route-schema';
import { listOf } from '../schemas/common';
import { createProjectBody, projectView } from '../schemas/project';
import { toProjectView } from '../views';

/** GitLab projects known to the suite. */
export async function projectRoutes(app: FastifyInstance, { db }: AdminApiOptions): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['projects'];

  api.get(
    '/projects',
    {
      schema: {
        tags,
        summary: 'List projects',
        response: responses({ status: 200, description: 'Projects', schema: listOf(projectView) }, []),
      },
    },
    async () => ({ items: (await listProjects(db)).map(toProjectView) }),
  );

  api.post(
    '/projects',
    {
      schema: {
        tags,
        summary: 'Register a GitLab project',
        body: createProjectBody,
        response: responses({ status: 201, description: 'Created', schema: projectView }, [400, 409]),
      },
    },
    async (request, reply) => {
      const project = await createAuditedProject(db, request.body, { actor: ADMIN_ACTOR });
      return reply.status(201).send(toProjectView(project));
    },
  );
}
