import {
  addProjectAlias,
  type ChatIdentity,
  describeAliasConflict,
  createMattermostCommand,
  deleteChatIdentity,
  deleteMattermostCommand,
  listChatIdentities,
  listMattermostCommands,
  listProjectAliases,
  type MattermostCommandView,
  removeProjectAlias,
} from '@chatops/db';
import { AppError, ErrorCode } from '@chatops/errors';
import { type FastifyInstance } from 'fastify';
import { notFound, parseInput } from '../errors';
import { type AdminApiOptions } from '../options';
import { aliasParams, createAliasBody, createMattermostCommandBody, identitiesQuery } from '../schemas/chat-access';
import { idParams } from '../schemas/common';
import { existingProject } from './existing-project';

const aliasView = (a: { alias: string; projectId: string; createdAt: Date }) => ({
  alias: a.alias,
  projectId: a.projectId,
  createdAt: a.createdAt.toISOString(),
});

const identityView = (i: ChatIdentity) => ({
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
  app.get('/projects/:projectId/aliases', async (request) => ({
    items: (await listProjectAliases(db, await existingProject(db, request.params))).map(aliasView),
  }));

  app.post('/projects/:projectId/aliases', async (request, reply) => {
    const projectId = await existingProject(db, request.params);
    const { alias } = parseInput(createAliasBody, request.body ?? {});
    const result = await addProjectAlias(db, projectId, alias);
    if (result.conflict) {
      throw new AppError(
        ErrorCode.Conflict,
        `${describeAliasConflict(alias, result.conflict)} (${result.conflict.projectId})`,
        { details: { projectId: result.conflict.projectId } },
      );
    }
    return reply.status(201).send(aliasView(result.alias ?? { alias, projectId, createdAt: new Date() }));
  });

  app.delete('/projects/:projectId/aliases/:alias', async (request, reply) => {
    const { projectId, alias } = parseInput(aliasParams, request.params);
    if (!(await removeProjectAlias(db, projectId, alias))) throw notFound('alias', alias);
    return reply.status(204).send();
  });

  app.get('/identities', async (request) => {
    const filter = parseInput(identitiesQuery, request.query ?? {});
    return { items: (await listChatIdentities(db, filter)).map(identityView) };
  });

  // Revoking unlinks the chat user and revokes their tokens at GitLab when OAuth is configured.
  app.delete('/identities/:id', async (request, reply) => {
    const { id } = parseInput(idParams, request.params);
    const removed = unlinkIdentity ? await unlinkIdentity(id) : await deleteChatIdentity(db, id);
    if (!removed) throw notFound('identity', id);
    return reply.status(204).send();
  });

  // Mattermost's Request URL for every command is the same gateway route.
  const commandView = (c: MattermostCommandView) => ({
    ...c,
    requestUrl: `${publicUrl}/mattermost/commands`,
    createdAt: c.createdAt.toISOString(),
  });

  app.get('/mattermost/commands', async () => ({ items: (await listMattermostCommands(db)).map(commandView) }));

  app.post('/mattermost/commands', async (request, reply) => {
    const body = parseInput(createMattermostCommandBody, request.body ?? {});
    if (body.projectId) await existingProject(db, { projectId: body.projectId });
    const connection = await db.mattermostConnection.findUnique({
      where: { id: body.connectionId },
      select: { id: true },
    });
    if (!connection) throw notFound('Mattermost connection', body.connectionId);
    const created = await createMattermostCommand(db, body);
    return reply.status(201).send(commandView(created));
  });

  app.delete('/mattermost/commands/:id', async (request, reply) => {
    const { id } = parseInput(idParams, request.params);
    if (!(await deleteMattermostCommand(db, id))) throw notFound('Mattermost command', id);
    return reply.status(204).send();
  });
}
