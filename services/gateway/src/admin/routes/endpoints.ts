import { createAuditedEndpoint, listProjectEndpoints } from '@chatops/db';
import { type FastifyInstance } from 'fastify';
import { parseInput } from '../errors';
import { ADMIN_ACTOR, type AdminApiOptions } from '../options';
import { createEndpointBody } from '../schemas/project';
import { endpointUrl, endpointView } from '../views';
import { existingProject } from './existing-project';

/** The URLs GitLab posts a project's webhooks to; secrets are shown once, on creation. */
export async function endpointRoutes(app: FastifyInstance, { db, box, publicUrl }: AdminApiOptions): Promise<void> {
  app.get('/projects/:projectId/endpoints', async (request) => {
    const projectId = await existingProject(db, request.params);
    return { items: (await listProjectEndpoints(db, projectId)).map((e) => endpointView(publicUrl, e)) };
  });

  app.post('/projects/:projectId/endpoints', async (request, reply) => {
    const projectId = await existingProject(db, request.params);
    const body = parseInput(createEndpointBody, request.body ?? {});
    const created = await createAuditedEndpoint(
      db,
      { projectId, description: body.description, ...(body.signing ? { signingBox: box } : {}) },
      { actor: ADMIN_ACTOR },
    );
    return reply.status(201).send({
      id: created.endpoint.id,
      url: endpointUrl(publicUrl, created.endpoint.id),
      secret: created.secret,
      ...(created.signingSecret ? { signingSecret: created.signingSecret } : {}),
    });
  });
}
