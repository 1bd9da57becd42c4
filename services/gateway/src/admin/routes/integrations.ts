import {
  createAuditedIntegration,
  deleteAuditedIntegration,
  findIntegrationWithRoutes,
  listProjectIntegrations,
  updateAuditedIntegration,
} from '@chatops/db';
import { type FastifyInstance } from 'fastify';
import { type ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../errors';
import { checkIntegrationInput, toIntegrationColumns } from '../integration-input';
import { auditActor } from '../audit-actor';
import { type AdminApiOptions } from '../options';
import { responses } from '../route-schema';
import { idParams, listOf, projectParams } from '../schemas/common';
import { createIntegrationBody, integrationView, updateIntegrationBody } from '../schemas/integration';
import { toIntegrationView } from '../views';
import { existingProject } from './existing-project';

/** Integration management: a destination, the events it wants and where each goes, its filters. */
export async function integrationRoutes(app: FastifyInstance, { db, box, outbound }: AdminApiOptions): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['integrations'];

  api.get(
    '/projects/:projectId/integrations',
    {
      schema: {
        tags,
        summary: "List a project's integrations",
        params: projectParams,
        response: responses({ status: 200, description: 'Integrations', schema: listOf(integrationView) }, [400, 404]),
      },
    },
    async (request) => {
      const projectId = await existingProject(db, request.params.projectId);
      return { items: (await listProjectIntegrations(db, projectId)).map(toIntegrationView) };
    },
  );

  api.post(
    '/projects/:projectId/integrations',
    {
      schema: {
        tags,
        summary: 'Create an integration',
        params: projectParams,
        body: createIntegrationBody,
        response: responses({ status: 201, description: 'Created', schema: integrationView }, [400, 404, 409]),
      },
    },
    async (request, reply) => {
      const projectId = await existingProject(db, request.params.projectId);
      const { body } = request;
      await checkIntegrationInput(db, outbound, body);
      const { fields, routes } = toIntegrationColumns(box, body);
      const integration = await createAuditedIntegration(
        db,
        { projectId, fields, routes: routes ?? [] },
        {
          actor: auditActor(request),
          details: {
            projectId,
            name: body.name,
            destination: body.destination,
            events: (routes ?? []).map((r) => r.event),
          },
        },
      );
      return reply.status(201).send(toIntegrationView(integration));
    },
  );

  api.get(
    '/integrations/:id',
    {
      schema: {
        tags,
        summary: 'Show an integration',
        params: idParams,
        response: responses({ status: 200, description: 'The integration', schema: integrationView }, [400, 404]),
      },
    },
    async (request) => {
      const { id } = request.params;
      const integration = await findIntegrationWithRoutes(db, id);
      if (!integration) throw notFound('integration', id);
      return toIntegrationView(integration);
    },
  );

  api.patch(
    '/integrations/:id',
    {
      schema: {
        tags,
        summary: 'Change an integration (`events` replaces all triggers)',
        params: idParams,
        body: updateIntegrationBody,
        response: responses({ status: 200, description: 'Updated', schema: integrationView }, [400, 404, 409]),
      },
    },
    async (request) => {
      const { id } = request.params;
      const { body } = request;
      const existing = await findIntegrationWithRoutes(db, id);
      if (!existing) throw notFound('integration', id);
      await checkIntegrationInput(db, outbound, body, existing);
      const { fields, routes } = toIntegrationColumns(box, body);
      // Field names only: the values may hold a webhook URL, which is a secret.
      const updated = await updateAuditedIntegration(
        db,
        id,
        { fields, routes },
        { actor: auditActor(request), details: { fields: Object.keys(body) } },
      );
      if (!updated) throw notFound('integration', id);
      return toIntegrationView(updated);
    },
  );

  api.delete(
    '/integrations/:id',
    {
      schema: {
        tags,
        summary: 'Delete an integration and its delivery log',
        params: idParams,
        response: responses({ status: 204, description: 'Deleted' }, [400, 404]),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!(await deleteAuditedIntegration(db, id, { actor: auditActor(request) }))) throw notFound('integration', id);
      return reply.status(204).send();
    },
  );
}
