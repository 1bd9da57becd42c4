import {
  createAuditedIntegration,
  deleteAuditedIntegration,
  findIntegrationWithRoutes,
  listProjectIntegrations,
  updateAuditedIntegration,
} from '@chatops/db';
import { type FastifyInstance } from 'fastify';
import { notFound, parseInput } from '../errors';
import { checkIntegrationReferences, toIntegrationColumns } from '../integration-input';
import { ADMIN_ACTOR, type AdminApiOptions } from '../options';
import { idParams } from '../schemas/common';
import { createIntegrationBody, updateIntegrationBody } from '../schemas/integration';
import { integrationView } from '../views';
import { existingProject } from './existing-project';

/** Integration management: a destination, the events it wants and where each goes, its filters. */
export async function integrationRoutes(app: FastifyInstance, { db, box }: AdminApiOptions): Promise<void> {
  app.get('/projects/:projectId/integrations', async (request) => {
    const projectId = await existingProject(db, request.params);
    return { items: (await listProjectIntegrations(db, projectId)).map(integrationView) };
  });

  app.post('/projects/:projectId/integrations', async (request, reply) => {
    const projectId = await existingProject(db, request.params);
    const body = parseInput(createIntegrationBody, request.body);
    await checkIntegrationReferences(db, body);
    const { fields, routes } = toIntegrationColumns(box, body);
    const integration = await createAuditedIntegration(
      db,
      { projectId, fields, routes: routes ?? [] },
      {
        actor: ADMIN_ACTOR,
        details: {
          projectId,
          name: body.name,
          destination: body.destination,
          events: (routes ?? []).map((r) => r.event),
        },
      },
    );
    return reply.status(201).send(integrationView(integration));
  });

  app.get('/integrations/:id', async (request) => {
    const { id } = parseInput(idParams, request.params);
    const integration = await findIntegrationWithRoutes(db, id);
    if (!integration) throw notFound('integration', id);
    return integrationView(integration);
  });

  app.patch('/integrations/:id', async (request) => {
    const { id } = parseInput(idParams, request.params);
    const body = parseInput(updateIntegrationBody, request.body);
    const existing = await findIntegrationWithRoutes(db, id);
    if (!existing) throw notFound('integration', id);
    await checkIntegrationReferences(db, body, existing);
    const { fields, routes } = toIntegrationColumns(box, body);
    // Field names only: the values may hold a webhook URL, which is a secret.
    const updated = await updateAuditedIntegration(
      db,
      id,
      { fields, routes },
      { actor: ADMIN_ACTOR, details: { fields: Object.keys(body) } },
    );
    if (!updated) throw notFound('integration', id);
    return integrationView(updated);
  });

  app.delete('/integrations/:id', async (request, reply) => {
    const { id } = parseInput(idParams, request.params);
    if (!(await deleteAuditedIntegration(db, id, { actor: ADMIN_ACTOR }))) throw notFound('integration', id);
    return reply.status(204).send();
  });
}
