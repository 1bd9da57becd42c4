import { createAuditedProject, deleteAuditedProject, listProjects } from '@chatops/db';
import { type FastifyInstance } from 'fastify';
import { type ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditActor } from '../audit-actor';
import { type AdminApiOptions } from '../options';
import { responses } from '../route-schema';
import { notFound } from '../errors';
import { listOf, projectParams } from '../schemas/common';
import { createProjectBody, projectDeletionView, projectView } from '../schemas/project';
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
      const project = await createAuditedProject(db, request.body, { actor: auditActor(request) });
      return reply.status(201).send(toProjectView(project));
    },
  );

  api.delete(
    '/projects/:projectId',
    {
      schema: {
        tags,
        summary:
          'Delete a project and everything that is only its own: endpoints, integrations (with their delivery logs), ' +
          'aliases and the Mattermost commands bound to it',
        description:
          'Cascades deliberately: nothing of another project, and no Slack installation or Mattermost connection, goes ' +
          'with it. Answers what was deleted (also written to the audit log).',
        params: projectParams,
        response: responses({ status: 200, description: 'What was deleted', schema: projectDeletionView }, [400, 404]),
      },
    },
    async (request) => {
      const { projectId } = request.params;
      const deleted = await deleteAuditedProject(db, projectId, { actor: auditActor(request) });
      if (!deleted) throw notFound('project', projectId);
      return { deleted };
    },
  );
}
