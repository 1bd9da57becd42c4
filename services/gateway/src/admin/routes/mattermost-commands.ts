import {
  createAuditedMattermostCommand,
  type Db,
  findProject,
  listMattermostCommands,
  type MattermostCommandView,
} from '@chatops/db';
import {
  createMattermostCommandInMattermost,
  deleteMattermostCommandEverywhere,
  listMattermostTeams,
  MATTERMOST_COMMANDS_PATH,
  suggestMattermostCommand,
} from '@chatops/integrations';
import { type FastifyInstance } from 'fastify';
import { type ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditActor } from '../audit-actor';
import { notFound } from '../errors';
import { type AdminApiOptions } from '../options';
import { responses } from '../route-schema';
import { idParams, listOf } from '../schemas/common';
import {
  commandDeletion,
  commandSuggestion,
  createInMattermostBody,
  createMattermostCommandBody,
  deleteCommandQuery,
  mattermostCommandView,
  mattermostTeam,
  suggestionQuery,
} from '../schemas/mattermost';

const MATTERMOST_ERRORS = {
  400: 'bad_request: the connection has no token (or validation_failed: details.fields)',
  403: "chat_forbidden: Mattermost refused the connection's token (revoked, or without manage_own_slash_commands in the team); Mattermost's message",
  409: 'conflict: the trigger is taken in the team (Mattermost\'s "This trigger word is already in use. Please choose another word.")',
  502: 'chat_unavailable / chat_rejected: Mattermost could not be reached, failed, or answered what could not be used (Mattermost\'s message, or GitLab\'s "Undefined error" / "Cannot parse response")',
};

async function existingConnection(db: Db, id: string) {
  const connection = await db.mattermostConnection.findUnique({ where: { id } });
  if (!connection) throw notFound('Mattermost connection', id);
  return connection;
}

async function projectOrNull(db: Db, projectId: string | undefined) {
  if (projectId === undefined) return null;
  const project = await findProject(db, projectId);
  if (!project) throw notFound('project', projectId);
  return project;
}

/**
 * Mattermost slash commands: GitLab's suggested values (the manual path), creating a command in
 * Mattermost with a connection's token ("Add to Mattermost"), registering one made by hand by
 * its token, listing and deleting them (in Mattermost too, when chatops created them there).
 */
export async function mattermostCommandRoutes(
  app: FastifyInstance,
  { db, box, mattermost, publicUrl }: AdminApiOptions,
): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['mattermost'];
  const setup = { db, box, mattermost, publicUrl };

  // Mattermost's Request URL for every command is the same gateway route.
  const toCommandView = (c: MattermostCommandView) => ({
    ...c,
    requestUrl: `${publicUrl}${MATTERMOST_COMMANDS_PATH}`,
    createdAt: c.createdAt.toISOString(),
  });

  api.get(
    '/mattermost/command-suggestion',
    {
      schema: {
        tags,
        summary: "GitLab's values for Mattermost's Add Slash Command form: one project's command, or /gitlab for all",
        description:
          'Enter them in Mattermost (Integrations › Slash Commands; only the Request URL must be as given), then ' +
          'register the token Mattermost shows with `POST /mattermost/commands`.',
        querystring: suggestionQuery,
        response: responses({ status: 200, description: 'Suggested values', schema: commandSuggestion }, [400, 404]),
      },
    },
    async (request) => suggestMattermostCommand(publicUrl, await projectOrNull(db, request.query.projectId)),
  );

  api.get(
    '/mattermost/connections/:id/teams',
    {
      schema: {
        tags,
        summary: "The Mattermost teams the connection's token belongs to",
        params: idParams,
        response: responses(
          { status: 200, description: 'Teams', schema: listOf(mattermostTeam) },
          [400, 403, 404, 502],
          {
            errorDescriptions: MATTERMOST_ERRORS,
          },
        ),
      },
    },
    async (request) => ({ items: await listMattermostTeams(setup, await existingConnection(db, request.params.id)) }),
  );

  api.post(
    '/mattermost/connections/:id/commands',
    {
      schema: {
        tags,
        summary: 'Add to Mattermost: create the slash command in a team with the suggested values (audited)',
        description:
          "Needs a connection token that may manage slash commands in the team (a system or team admin's personal " +
          'access token, or a bot with manage_own_slash_commands). The command is registered here by its token and ' +
          "Mattermost's id, so deleting it here deletes it there.",
        params: idParams,
        body: createInMattermostBody,
        response: responses(
          { status: 201, description: 'Created in Mattermost and registered', schema: mattermostCommandView },
          [400, 403, 404, 409, 502],
          { errorDescriptions: MATTERMOST_ERRORS },
        ),
      },
    },
    async (request, reply) => {
      const { teamId, projectId, trigger } = request.body;
      const connection = await existingConnection(db, request.params.id);
      const project = await projectOrNull(db, projectId);
      const created = await createMattermostCommandInMattermost(
        setup,
        { connection, teamId, project, trigger },
        { actor: auditActor(request) },
      );
      return reply.status(201).send(toCommandView(created));
    },
  );

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
        summary: 'Register a Mattermost slash command made by hand, by the token Mattermost generated for it (audited)',
        body: createMattermostCommandBody,
        response: responses({ status: 201, description: 'Registered', schema: mattermostCommandView }, [400, 404, 409]),
      },
    },
    async (request, reply) => {
      const { body } = request;
      await projectOrNull(db, body.projectId);
      await existingConnection(db, body.connectionId);
      const created = await createAuditedMattermostCommand(db, body, { actor: auditActor(request) });
      return reply.status(201).send(toCommandView(created));
    },
  );

  api.delete(
    '/mattermost/commands/:id',
    {
      schema: {
        tags,
        summary:
          'Remove a Mattermost slash command (its token stops working), in Mattermost too when chatops created it',
        description:
          '`remote` says what became of it in Mattermost: `deleted`, `already_deleted` (Mattermost answered 404), ' +
          '`kept` (`?remote=keep`), `not_created_here` (registered by token: delete it in Mattermost by hand). ' +
          'When Mattermost cannot be reached or refuses, nothing is deleted here.',
        params: idParams,
        querystring: deleteCommandQuery,
        response: responses({ status: 200, description: 'Removed', schema: commandDeletion }, [400, 403, 404, 502], {
          errorDescriptions: MATTERMOST_ERRORS,
        }),
      },
    },
    async (request) => {
      const { id } = request.params;
      const deleted = await deleteMattermostCommandEverywhere(
        setup,
        id,
        { keepRemote: request.query.remote === 'keep' },
        { actor: auditActor(request) },
      );
      if (!deleted) throw notFound('Mattermost command', id);
      return deleted;
    },
  );
}
