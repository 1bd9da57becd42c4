import {
  deleteAuditedMattermostConnection,
  deleteAuditedSlackInstallation,
  listMattermostConnections,
  listSlackInstallations,
  missingIncidentChannelScopes,
  setAuditedSlackIncidentChannels,
  type SlackInstallationSummary,
} from '@chatops/db';
import { type FastifyInstance } from 'fastify';
import { type ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound, stillInUse } from '../errors';
import { auditActor } from '../audit-actor';
import { type AdminApiOptions } from '../options';
import { responses } from '../route-schema';
import { idParams, listOf } from '../schemas/common';
import {
  incidentChannelsChange,
  incidentChannelsChanged,
  mattermostConnectionView,
  slackInstallationView,
} from '../schemas/destination';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

const slackInstallationJson = (i: SlackInstallationSummary) => ({
  id: i.id,
  teamId: i.teamId,
  enterpriseId: i.enterpriseId,
  teamName: i.teamName,
  appId: i.appId,
  botUserId: i.botUserId,
  scopes: i.scopes,
  installedBy: i.installedBy,
  installedAt: i.installedAt.toISOString(),
  revokedAt: iso(i.revokedAt),
  pendingApproval: i.pendingApproval,
  incidentChannels: i.incidentChannels,
});

const IN_USE =
  'conflict: integrations still post through it; they are named in the message and in `details.integrations` ' +
  '(id, name, projectId, projectPath). Nothing was deleted.';

/**
 * Where integrations post to: Slack workspaces' bot tokens and Mattermost servers. Neither is
 * deleted while an integration posts through it (409 naming them): that would silently take
 * other projects' integrations and delivery logs with it.
 */
export async function destinationRoutes(app: FastifyInstance, { db }: AdminApiOptions): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/slack/installations',
    {
      schema: {
        tags: ['slack'],
        summary: 'Slack workspaces the app is installed in (no tokens)',
        response: responses({ status: 200, description: 'Installations', schema: listOf(slackInstallationView) }, []),
      },
    },
    async () => ({ items: (await listSlackInstallations(db)).map(slackInstallationJson) }),
  );

  api.patch(
    '/slack/installations/:id',
    {
      schema: {
        tags: ['slack'],
        summary: 'Turn a channel of its own per declared incident on or off for a workspace (audited)',
        description:
          'When on, each incident declared from this workspace gets a public channel, the declarer invited and ' +
          'the channel linked into the incident. `missingScopes` names the bot scopes Slack will ask for that the ' +
          'app was not granted (reinstall it with them).',
        params: idParams,
        body: incidentChannelsChange,
        response: responses({ status: 200, description: 'Changed', schema: incidentChannelsChanged }, [400, 404]),
      },
    },
    async (request) => {
      const { id } = request.params;
      const changed = await setAuditedSlackIncidentChannels(db, id, request.body.incidentChannels, {
        actor: auditActor(request),
      });
      if (!changed) throw notFound('Slack installation', id);
      const missingScopes = changed.incidentChannels ? missingIncidentChannelScopes(changed) : [];
      return { ...slackInstallationJson(changed), missingScopes };
    },
  );

  api.delete(
    '/slack/installations/:id',
    {
      schema: {
        tags: ['slack'],
        summary: 'Delete a Slack installation and its bot token; refused (409) while integrations use it',
        params: idParams,
        response: responses({ status: 204, description: 'Deleted' }, [400, 404, 409], {
          errorDescriptions: { 409: IN_USE },
        }),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const outcome = await deleteAuditedSlackInstallation(db, id, { actor: auditActor(request) });
      if (outcome.kind === 'missing') throw notFound('Slack installation', id);
      if (outcome.kind === 'referenced') throw stillInUse('Slack installation', id, outcome.integrations);
      return reply.status(204).send();
    },
  );

  api.get(
    '/mattermost/connections',
    {
      schema: {
        tags: ['mattermost'],
        summary: 'Mattermost servers the suite talks to (no tokens)',
        response: responses({ status: 200, description: 'Connections', schema: listOf(mattermostConnectionView) }, []),
      },
    },
    async () => ({
      items: (await listMattermostConnections(db)).map((c) => ({
        id: c.id,
        name: c.name,
        url: c.url,
        hasBotToken: c.hasBotToken,
        createdAt: c.createdAt.toISOString(),
      })),
    }),
  );

  api.delete(
    '/mattermost/connections/:id',
    {
      schema: {
        tags: ['mattermost'],
        summary:
          'Delete a Mattermost connection with the slash commands registered on it; refused (409) while integrations use it',
        params: idParams,
        response: responses({ status: 204, description: 'Deleted, with its slash commands' }, [400, 404, 409], {
          errorDescriptions: { 409: IN_USE },
        }),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const outcome = await deleteAuditedMattermostConnection(db, id, { actor: auditActor(request) });
      if (outcome.kind === 'missing') throw notFound('Mattermost connection', id);
      if (outcome.kind === 'referenced') throw stillInUse('Mattermost connection', id, outcome.integrations);
      return reply.status(204).send();
    },
  );
}
