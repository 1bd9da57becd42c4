import { createAuditedEndpoint, listProjectEndpoints } from '@chatops/db';
import { type FastifyInstance } from 'fastify';
import { type ZodTypeProvider } from 'fastify-type-provider-zod';
import { ADMIN_ACTOR, type AdminApiOptions } from '../options';
import { responses } from '../route-schema';
import { listOf, projectParams } from '../schemas/common';
import { createdEndpointView, createEndpointBody, endpointView } from '../schemas/project';
import { endpointUrl, toEndpointView } from '../views';
import { existingProject } from './existing-project';

/** The URLs GitLab posts a project's webhooks to; secrets are shown once, on creation. */
export async function endpointRoutes(app: FastifyInstance, { db, box, publicUrl }: AdminApiOptions): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['endpoints'];

  api.get(
    '/projects/:projectId/endpoints',
    {
      schema: {
        tags,
        summary: "List a project's webhook endpoints (no secrets)",
        params: projectParams,
        response: responses({ status: 200, description: 'Endpoints', schema: listOf(endpointView) }, [400, 404]),
      },
    },
    async (request) => {
      const projectId = await existingProject(db, request.params.projectId);
      return { items: (await listProjectEndpoints(db, projectId)).map((e) => toEndpointView(publicUrl, e)) };
    },
  );

  api.post(
    '/projects/:projectId/endpoints',
    {
      schema: {
        tags,
        summary: 'Create a webhook endpoint; its secret is shown once',
        params: projectParams,
        body: createEndpointBody,
        response: responses(
          { status: 201, description: 'Created, with the secret token', schema: createdEndpointView },
          [400, 404],
        ),
      },
    },
    async (request, reply) => {
      const projectId = await existingProject(db, request.params.projectId);
      const { body } = request;
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
    },
  );
}
