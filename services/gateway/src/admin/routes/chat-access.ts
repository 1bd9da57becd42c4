import {
  addProjectAlias,
  type ChatIdentity,
  describeAliasConflict,
  createMattermostCommand,
  deleteChatIdentity,
  deleteAuditedMattermostCommand,
  listChatIdentities,
  listMattermostCommands,
  listProjectAliases,
  type MattermostCommandView,
  removeProjectAlias,
} from '@chatops/db';
import { AppError, ErrorCode } from '@chatops/errors';
import { type FastifyInstance } from 'fastify';
import { type ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../errors';
import { auditActor } from '../audit-actor';
import { type AdminApiOptions } from '../options';
import { responses } from '../route-schema';
import {
  aliasParams,
  aliasView,
  createAliasBody,
  createMattermostCommandBody,
  identitiesQuery,
  identityView,
  mattermostCommandView,
} from '../schemas/chat-access';
import { idParams, listOf, projectParams } from '../schemas/common';
import { existingProject } from './existing-project';

const toAliasView = (a: { alias: string; projectId: string; createdAt: Date }) => ({
  alias: a.alias,
  projectId: a.projectId,
  createdAt: a.createdAt.toISOString(),
});

const toIdentityView = (i: ChatIdentity) => ({
  id: i.id,
  provider: i.provider,
  teamId: i.teamId,
  chatUserId: i.chatUserId,
  gitlabUserId: i.gitlabUserId,
  gitlabUsername: i.gitlabUsername,
  tokenExpiresAt: i.tokenExpiresAt?.toISOString() ?? null,
  createdAt: i.createdAt.toISOString(),
});

/** Project aliases for slash commands, linked chat users (and revoking them), Mattermost slash commands. */
export async function chatAccessRoutes(
  app: FastifyInstance,
  { db, publicUrl, unlinkIdentity }: AdminApiOptions,
): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['slash commands'];

  api.get(
    '/projects/:projectId/aliases',
    {
      schema: {
        tags,
        summary: "List a project's slash-command aliases",
        params: projectParams,
        response: responses({ status: 200, description: 'Aliases', schema: listOf(aliasView) }, [400, 404]),
      },
    },
    async (request) => ({
      items: (await listProjectAliases(db, await existingProject(db, request.params.projectId))).map(toAliasView),
    }),
  );

  api.post(
    '/projects/:projectId/aliases',
    {
      schema: {
        tags,
        summary: "Give a project an alias (`/gitlab <alias> …`); another project's path or alias is refused",
        params: projectParams,
        body: createAliasBody,
        response: responses({ status: 201, description: 'Created', schema: aliasView }, [400, 404, 409]),
      },
    },
    async (request, reply) => {
      const projectId = await existingProject(db, request.params.projectId);
      const { alias } = request.body;
      const result = await addProjectAlias(db, projectId, alias);
      if (result.conflict) {
        throw new AppError(
          ErrorCode.Conflict,
          `${describeAliasConflict(alias, result.conflict)} (${result.conflict.projectId})`,
          { details: { projectId: result.conflict.projectId } },
        );
      }
      return reply.status(201).send(toAliasView(result.alias ?? { alias, projectId, createdAt: new Date() }));
    },
  );

  api.delete(
    '/projects/:projectId/aliases/:alias',
    {
      schema: {
        tags,
        summary: 'Remove an alias',
        params: aliasParams,
        response: responses({ status: 204, description: 'Removed' }, [400, 404]),
      },
    },
    async (request, reply) => {
      const { projectId, alias } = request.params;
      if (!(await removeProjectAlias(db, projectId, alias))) throw notFound('alias', alias);
      return reply.status(204).send();
    },
  );

  api.get(
    '/identities',
    {
      schema: {
        tags,
        summary: 'Chat users linked to GitLab accounts (no tokens)',
        querystring: identitiesQuery,
        response: responses({ status: 200, description: 'Linked users', schema: listOf(identityView) }, [400]),
      },
    },
    async (request) => ({ items: (await listChatIdentities(db, request.query)).map(toIdentityView) }),
  );

  // Revoking unlinks the chat user and revokes their tokens at GitLab when OAuth is configured.
  api.delete(
    '/identities/:id',
    {
      schema: {
        tags,
        summary: "Revoke a chat user's link (its GitLab tokens are revoked too)",
        params: idParams,
        response: responses({ status: 204, description: 'Revoked' }, [400, 404]),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const removed = unlinkIdentity ? await unlinkIdentity(id) : await deleteChatIdentity(db, id);
      if (!removed) throw notFound('identity', id);
      return reply.status(204).send();
    },
  );

  // Mattermost's Request URL for every command is the same gateway route.
  const toCommandView = (c: MattermostCommandView) => ({
    ...c,
    requestUrl: `${publicUrl}/mattermost/commands`,
    createdAt: c.createdAt.toISOString(),
  });

  api.get(
    '/mattermost/commands',
    {
      schema: {
        tags,
        summary: 'Mattermost slash commands pointing at this gateway (no tokens)',
        response: responses({ status: 200, description: 'Commands', schema: listOf(mattermostCommandView) }, []),
      },
    },
    async () => ({ items: (await listMattermostCommands(db)).map(toCommandView) }),
  );

  api.post(
    '/mattermost/commands',
    {
      schema: {
        tags,
        summary: 'Register a Mattermost slash command by the token Mattermost generated for it',
        body: createMattermostCommandBody,
        response: responses({ status: 201, description: 'Registered', schema: mattermostCommandView }, [400, 404, 409]),
      },
    },
    async (request, reply) => {
      const { body } = request;
      if (body.projectId) await existingProject(db, body.projectId);
      const connection = await db.mattermostConnection.findUnique({
        where: { id: body.connectionId },
        select: { id: true },
      });
      if (!connection) throw notFound('Mattermost connection', body.connectionId);
      const created = await createMattermostCommand(db, body);
      return reply.status(201).send(toCommandView(created));
    },
  );

  api.delete(
    '/mattermost/commands/:id',
    {
      schema: {
        tags,
        summary: 'Remove a Mattermost slash command (its token stops working)',
        params: idParams,
        response: responses({ status: 204, description: 'Removed' }, [400, 404]),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!(await deleteAuditedMattermostCommand(db, id, { actor: auditActor(request) })))
        throw notFound('Mattermost command', id);
      return reply.status(204).send();
    },
  );
}
