import {
  createAuditedEndpoint,
  deleteAuditedEndpoint,
  disableAuditedEndpoint,
  enableAuditedEndpoint,
  findEndpointSummary,
  listEndpoints,
  rotateAuditedEndpointSecret,
} from '@chatops/db';
import { type FastifyInstance } from 'fastify';
import { type ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../errors';
import { auditActor } from '../audit-actor';
import { type AdminApiOptions } from '../options';
import { responses } from '../route-schema';
import { idParams, listOf, projectParams } from '../schemas/common';
import {
  createdEndpointView,
  createEndpointBody,
  endpointsQuery,
  endpointView,
  rotatedEndpointView,
  rotateEndpointSecretBody,
} from '../schemas/project';
import { endpointUrl, toEndpointView } from '../views';
import { existingProject } from './existing-project';

/**
 * The URLs GitLab posts a project's webhooks to, and their life cycle: secrets are shown once (on
 * creation and rotation); a disabled endpoint answers GitLab 403 until enabled again. Every
 * change reaches each gateway within its 5 s endpoint cache.
 */
export async function endpointRoutes(app: FastifyInstance, { db, box, publicUrl }: AdminApiOptions): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['endpoints'];
  const view = (e: Parameters<typeof toEndpointView>[1]) => toEndpointView(publicUrl, e);

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
      return { items: (await listEndpoints(db, { projectId })).map(view) };
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
        { projectId, description: body.description, scope: body.scope, ...(body.signing ? { signingBox: box } : {}) },
        { actor: auditActor(request) },
      );
      return reply.status(201).send({
        id: created.endpoint.id,
        url: endpointUrl(publicUrl, created.endpoint.id),
        secret: created.secret,
        ...(created.signingSecret ? { signingSecret: created.signingSecret } : {}),
      });
    },
  );

  api.get(
    '/endpoints',
    {
      schema: {
        tags,
        summary: 'List webhook endpoints (no secrets), optionally of one project, oldest first',
        querystring: endpointsQuery,
        response: responses({ status: 200, description: 'Endpoints', schema: listOf(endpointView) }, [400]),
      },
    },
    async (request) => ({ items: (await listEndpoints(db, request.query)).map(view) }),
  );

  api.get(
    '/endpoints/:id',
    {
      schema: {
        tags,
        summary: 'Show a webhook endpoint (no secrets)',
        params: idParams,
        response: responses({ status: 200, description: 'The endpoint', schema: endpointView }, [400, 404]),
      },
    },
    async (request) => {
      const endpoint = await findEndpointSummary(db, request.params.id);
      if (!endpoint) throw notFound('endpoint', request.params.id);
      return view(endpoint);
    },
  );

  api.post(
    '/endpoints/:id/disable',
    {
      schema: {
        tags,
        summary: "Disable an endpoint: GitLab's calls are refused (403 endpoint_disabled) within 5 s",
        params: idParams,
        response: responses({ status: 200, description: 'Disabled', schema: endpointView }, [400, 404]),
      },
    },
    async (request) => {
      const endpoint = await disableAuditedEndpoint(db, request.params.id, { actor: auditActor(request) });
      if (!endpoint) throw notFound('endpoint', request.params.id);
      return view(endpoint);
    },
  );

  api.post(
    '/endpoints/:id/enable',
    {
      schema: {
        tags,
        summary: 'Enable a disabled endpoint again (same URL and secrets)',
        params: idParams,
        response: responses({ status: 200, description: 'Enabled', schema: endpointView }, [400, 404]),
      },
    },
    async (request) => {
      const endpoint = await enableAuditedEndpoint(db, request.params.id, { actor: auditActor(request) });
      if (!endpoint) throw notFound('endpoint', request.params.id);
      return view(endpoint);
    },
  );

  api.post(
    '/endpoints/:id/rotate-secret',
    {
      schema: {
        tags,
        summary: "Replace an endpoint's secret token (shown once; only its hash is stored)",
        params: idParams,
        body: rotateEndpointSecretBody,
        response: responses({ status: 200, description: 'The new secret', schema: rotatedEndpointView }, [400, 404]),
      },
    },
    async (request) => {
      const { id } = request.params;
      const rotated = await rotateAuditedEndpointSecret(db, id, request.body.signing ? { signingBox: box } : {}, {
        actor: auditActor(request),
      });
      if (!rotated) throw notFound('endpoint', id);
      return {
        id,
        url: endpointUrl(publicUrl, id),
        secret: rotated.secret,
        ...(rotated.signingSecret ? { signingSecret: rotated.signingSecret } : {}),
      };
    },
  );

  api.delete(
    '/endpoints/:id',
    {
      schema: {
        tags,
        summary: "Delete an endpoint: GitLab's calls get 404 within 5 s; its deliveries stay in the log",
        params: idParams,
        response: responses({ status: 204, description: 'Deleted' }, [400, 404]),
      },
    },
    async (request, reply) => {
      if (!(await deleteAuditedEndpoint(db, request.params.id, { actor: auditActor(request) })))
        throw notFound('endpoint', request.params.id);
      return reply.status(204).send();
    },
  );
}
