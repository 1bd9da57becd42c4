import {
  addProjectAlias,
  type ChatIdentity,
  describeAliasConflict,
  deleteChatIdentity,
  listChatIdentities,
  listProjectAliases,
  removeProjectAlias,
} from '@chatops/db';
import { AppError, ErrorCode } from '@chatops/errors';
import { type FastifyInstance } from 'fastify';
import { type ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../errors';
import { type AdminApiOptions } from '../options';
import { responses } from '../route-schema';
import { aliasParams, aliasView, createAliasBody, identitiesQuery, identityView } from '../schemas/chat-access';
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

/** Project aliases for slash commands, linked chat users (and revoking them). */
export async function chatAccessRoutes(app: FastifyInstance, { db, unlinkIdentity }: AdminApiOptions): Promise<void> {
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
}
