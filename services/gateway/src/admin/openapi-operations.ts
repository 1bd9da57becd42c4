import { z } from 'zod';
import { idParams, pageQuery, projectParams } from './schemas/common';
import {
  aliasParams,
  aliasView,
  createAliasBody,
  createMattermostCommandBody,
  identitiesQuery,
  identityView,
  mattermostCommandView,
} from './schemas/chat-access';
import { deliveriesQuery, deliveryPage, replayView } from './schemas/delivery';
import { failedEventsQuery, failedEventView, retriedEventView } from './schemas/event';
import {
  createIntegrationBody,
  integrationTestReport,
  integrationView,
  updateIntegrationBody,
} from './schemas/integration';
import {
  createdEndpointView,
  createEndpointBody,
  createProjectBody,
  endpointView,
  projectView,
} from './schemas/project';

export interface Operation {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** Fastify's form, relative to /api/v1: `/integrations/:id`. */
  path: string;
  tag: string;
  summary: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The success status and what it returns (none for 204). */
  success: { status: number; description: string; schema?: z.ZodType };
  /** Error statuses besides 401, which every operation may answer. */
  errors: number[];
}

const listOf = (item: z.ZodType) => z.object({ items: z.array(item) });

/** Every admin route, as the OpenAPI document describes it; a test keeps this and the routes in step. */
export const OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/openapi.json',
    tag: 'meta',
    summary: 'This OpenAPI document',
    success: { status: 200, description: 'OpenAPI 3.1 document' },
    errors: [],
  },
  {
    method: 'get',
    path: '/projects',
    tag: 'projects',
    summary: 'List projects',
    success: { status: 200, description: 'Projects', schema: listOf(projectView) },
    errors: [],
  },
  {
    method: 'post',
    path: '/projects',
    tag: 'projects',
    summary: 'Register a GitLab project',
    body: createProjectBody,
    success: { status: 201, description: 'Created', schema: projectView },
    errors: [400, 409],
  },
  {
    method: 'get',
    path: '/projects/:projectId/endpoints',
    tag: 'endpoints',
    summary: "List a project's webhook endpoints (no secrets)",
    params: projectParams,
    success: { status: 200, description: 'Endpoints', schema: listOf(endpointView) },
    errors: [400, 404],
  },
  {
    method: 'post',
    path: '/projects/:projectId/endpoints',
    tag: 'endpoints',
    summary: 'Create a webhook endpoint; its secret is shown once',
    params: projectParams,
    body: createEndpointBody,
    success: { status: 201, description: 'Created, with the secret token', schema: createdEndpointView },
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/projects/:projectId/integrations',
    tag: 'integrations',
    summary: "List a project's integrations",
    params: projectParams,
    success: { status: 200, description: 'Integrations', schema: listOf(integrationView) },
    errors: [400, 404],
  },
  {
    method: 'post',
    path: '/projects/:projectId/integrations',
    tag: 'integrations',
    summary: 'Create an integration',
    params: projectParams,
    body: createIntegrationBody,
    success: { status: 201, description: 'Created', schema: integrationView },
    errors: [400, 404, 409],
  },
  {
    method: 'get',
    path: '/integrations/:id',
    tag: 'integrations',
    summary: 'Show an integration',
    params: idParams,
    success: { status: 200, description: 'The integration', schema: integrationView },
    errors: [400, 404],
  },
  {
    method: 'patch',
    path: '/integrations/:id',
    tag: 'integrations',
    summary: 'Change an integration (`events` replaces all triggers)',
    params: idParams,
    body: updateIntegrationBody,
    success: { status: 200, description: 'Updated', schema: integrationView },
    errors: [400, 404, 409],
  },
  {
    method: 'delete',
    path: '/integrations/:id',
    tag: 'integrations',
    summary: 'Delete an integration and its delivery log',
    params: idParams,
    success: { status: 204, description: 'Deleted' },
    errors: [400, 404],
  },
  {
    method: 'post',
    path: '/integrations/:id/test',
    tag: 'integrations',
    summary: 'Test settings: post a test message to every configured channel',
    params: idParams,
    success: { status: 200, description: 'Per-channel outcome', schema: integrationTestReport },
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/integrations/:id/deliveries',
    tag: 'deliveries',
    summary: 'Delivery history of an integration, newest first',
    params: idParams,
    query: deliveriesQuery,
    success: { status: 200, description: 'A page of deliveries', schema: deliveryPage },
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/deliveries/dead-letters',
    tag: 'deliveries',
    summary: 'Deliveries that failed for good, newest first',
    query: pageQuery,
    success: { status: 200, description: 'A page of deliveries', schema: deliveryPage },
    errors: [400],
  },
  {
    method: 'get',
    path: '/projects/:projectId/aliases',
    tag: 'slash commands',
    summary: "List a project's slash-command aliases",
    params: projectParams,
    success: { status: 200, description: 'Aliases', schema: listOf(aliasView) },
    errors: [400, 404],
  },
  {
    method: 'post',
    path: '/projects/:projectId/aliases',
    tag: 'slash commands',
    summary: "Give a project an alias (`/gitlab <alias> …`); another project's path or alias is refused",
    params: projectParams,
    body: createAliasBody,
    success: { status: 201, description: 'Created', schema: aliasView },
    errors: [400, 404, 409],
  },
  {
    method: 'delete',
    path: '/projects/:projectId/aliases/:alias',
    tag: 'slash commands',
    summary: 'Remove an alias',
    params: aliasParams,
    success: { status: 204, description: 'Removed' },
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/identities',
    tag: 'slash commands',
    summary: 'Chat users linked to GitLab accounts (no tokens)',
    query: identitiesQuery,
    success: { status: 200, description: 'Linked users', schema: listOf(identityView) },
    errors: [400],
  },
  {
    method: 'delete',
    path: '/identities/:id',
    tag: 'slash commands',
    summary: "Revoke a chat user's link (its GitLab tokens are revoked too)",
    params: idParams,
    success: { status: 204, description: 'Revoked' },
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/mattermost/commands',
    tag: 'slash commands',
    summary: 'Mattermost slash commands pointing at this gateway (no tokens)',
    success: { status: 200, description: 'Commands', schema: listOf(mattermostCommandView) },
    errors: [],
  },
  {
    method: 'post',
    path: '/mattermost/commands',
    tag: 'slash commands',
    summary: 'Register a Mattermost slash command by the token Mattermost generated for it',
    body: createMattermostCommandBody,
    success: { status: 201, description: 'Registered', schema: mattermostCommandView },
    errors: [400, 404, 409],
  },
  {
    method: 'delete',
    path: '/mattermost/commands/:id',
    tag: 'slash commands',
    summary: 'Remove a Mattermost slash command (its token stops working)',
    params: idParams,
    success: { status: 204, description: 'Removed' },
    errors: [400, 404],
  },
  {
    method: 'post',
    path: '/deliveries/:id/replay',
    tag: 'deliveries',
    summary: 'Replay a delivery that is not sent or being sent',
    params: idParams,
    success: { status: 202, description: 'Back to pending, job enqueued', schema: replayView },
    errors: [400, 404, 409, 503],
  },
  {
    method: 'get',
    path: '/events/failed',
    tag: 'events',
    summary: 'GitLab events whose routing failed for good (kept a week), newest first',
    query: failedEventsQuery,
    success: { status: 200, description: 'Failed events', schema: listOf(failedEventView) },
    errors: [400, 503],
  },
  {
    method: 'post',
    path: '/events/failed/:id/retry',
    tag: 'events',
    summary: 'Route a failed event again, with all its tries (deliveries it planned already are not posted twice)',
    params: idParams,
    success: { status: 202, description: 'Back in the queue', schema: retriedEventView },
    errors: [400, 404, 409, 503],
  },
];
