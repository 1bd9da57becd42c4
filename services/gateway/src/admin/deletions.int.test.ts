import { saveSlackInstallation } from '@chatops/db';
import { type AdminHarness, startAdminApi } from '@chatops/test-support/admin-api';

const project = (id: number, path: string) => ({
  gitlabProjectId: id,
  pathWithNamespace: path,
  name: path.split('/')[1],
  webUrl: `https://gitlab.example.com/${path}`,
});

describe('admin API: deleting projects, Slack installations, Mattermost connections and commands', () => {
  let harness: AdminHarness;
  let counter = 0;

  const newProject = async () => {
    counter++;
    const response = await harness.call('POST', '/api/v1/projects', {
      body: project(100 + counter, `acme/p${counter}`),
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string; pathWithNamespace: string }>();
  };
  const newInstallation = async (teamId: string) =>
    (
      await saveSlackInstallation(harness.database.db, harness.box, {
        teamId,
        teamName: `Team ${teamId}`,
        botUserId: 'UBOT',
        botToken: `xoxb-secret-${teamId}`,
        scopes: ['chat:write'],
      })
    ).id;
  const newConnection = async (name: string) =>
    (
      await harness.database.db.mattermostConnection.create({
        data: { name, url: `https://${name}.example.com`, botTokenSealed: harness.box.seal(`mm-secret-${name}`) },
      })
    ).id;
  const newIntegration = async (projectId: string, name: string, body: Record<string, unknown>) => {
    const response = await harness.call('POST', `/api/v1/projects/${projectId}/integrations`, {
      body: { name, defaultChannel: 'general', ...body },
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string }>().id;
  };
  const newCommand = async (connectionId: string, trigger: string, projectId?: string) => {
    const response = await harness.call('POST', '/api/v1/mattermost/commands', {
      body: { connectionId, teamId: 'team1', trigger, token: `token-${trigger}-0123456789`, projectId },
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string }>().id;
  };
  const lastAudit = (target: string) =>
    harness.database.db.auditEntry.findFirstOrThrow({ where: { target }, orderBy: { createdAt: 'desc' } });

  beforeAll(async () => {
    harness = await startAdminApi();
  });
  afterAll(() => harness.close());

  describe('a project', () => {
    it('goes with everything that is only its own, and says what went', async () => {
      const doomed = await newProject();
      const other = await newProject();
      const installation = await newInstallation('TPROJ');
      const connection = await newConnection('projects');
      const integration = await newIntegration(doomed.id, 'ci', {
        destination: 'slack_bot',
        slackInstallationId: installation,
      });
      const otherIntegration = await newIntegration(other.id, 'ci', {
        destination: 'slack_bot',
        slackInstallationId: installation,
      });
      const endpoint = (await harness.call('POST', `/api/v1/projects/${doomed.id}/endpoints`)).json().id as string;
      await harness.call('POST', `/api/v1/projects/${doomed.id}/aliases`, { body: { alias: 'doomed' } });
      const bound = await newCommand(connection, 'doomed', doomed.id);
      const shared = await newCommand(connection, 'shared');

      const response = await harness.call('DELETE', `/api/v1/projects/${doomed.id}`);
      expect(response.statusCode).toBe(200);
      const expected = {
        project: { id: doomed.id, gitlabProjectId: expect.any(Number), pathWithNamespace: doomed.pathWithNamespace },
        endpointIds: [endpoint],
        integrations: [{ id: integration, name: 'ci' }],
        aliases: ['doomed'],
        mattermostCommandIds: [bound],
      };
      expect(response.json()).toEqual({ deleted: expected });

      const { db } = harness.database;
      expect(await db.project.findUnique({ where: { id: doomed.id } })).toBeNull();
      expect(await db.webhookEndpoint.findUnique({ where: { id: endpoint } })).toBeNull();
      expect(await db.integration.findUnique({ where: { id: integration } })).toBeNull();
      expect(await db.projectAlias.findUnique({ where: { alias: 'doomed' } })).toBeNull();
      expect(await db.mattermostCommand.findUnique({ where: { id: bound } })).toBeNull();
      // Nothing of another project, and no installation or connection, goes with it.
      expect(await db.integration.findUnique({ where: { id: otherIntegration } })).not.toBeNull();
      expect(await db.mattermostCommand.findUnique({ where: { id: shared } })).not.toBeNull();
      expect(await db.slackInstallation.findUnique({ where: { id: installation } })).not.toBeNull();
      expect(await db.mattermostConnection.findUnique({ where: { id: connection } })).not.toBeNull();
      expect(await lastAudit(doomed.id)).toMatchObject({
        actor: 'admin-api',
        action: 'project.delete',
        details: {
          pathWithNamespace: doomed.pathWithNamespace,
          endpointIds: expected.endpointIds,
          integrations: expected.integrations,
          aliases: expected.aliases,
          mattermostCommandIds: expected.mattermostCommandIds,
        },
      });
      expect((await harness.call('DELETE', `/api/v1/projects/${doomed.id}`)).statusCode).toBe(404);
    });

    it('answers 400 for a malformed id', async () => {
      const response = await harness.call('DELETE', '/api/v1/projects/a%20b');
      expect(response.statusCode).toBe(400);
      expect(response.json().error.details.fields).toEqual([{ path: 'projectId', message: 'not a valid id' }]);
    });
  });

  describe('a Slack installation', () => {
    it('is listed without its token', async () => {
      const id = await newInstallation('TLIST');
      const response = await harness.call('GET', '/api/v1/slack/installations');
      expect(response.statusCode).toBe(200);
      expect(response.json().items).toContainEqual({
        id,
        teamId: 'TLIST',
        enterpriseId: '',
        teamName: 'Team TLIST',
        appId: null,
        botUserId: 'UBOT',
        scopes: ['chat:write'],
        installedBy: null,
        installedAt: expect.any(String),
        revokedAt: null,
        pendingApproval: false,
        incidentChannels: false,
      });
      expect(response.body).not.toContain('xoxb-secret');
      expect(response.body).not.toContain('botToken');
    });

    it('turns incident channels on (naming the scopes the app lacks) and off, audited', async () => {
      const id = await newInstallation('TINCIDENTS');
      const on = await harness.call('PATCH', `/api/v1/slack/installations/${id}`, {
        body: { incidentChannels: true },
      });
      expect(on.statusCode).toBe(200);
      expect(on.json()).toMatchObject({
        id,
        incidentChannels: true,
        missingScopes: ['channels:manage', 'channels:write.invites'],
      });
      expect(on.body).not.toContain('xoxb-secret');
      expect(await lastAudit(id)).toMatchObject({
        action: 'slack_installation.incident_channels_on',
        actor: 'admin-api',
      });
      const off = await harness.call('PATCH', `/api/v1/slack/installations/${id}`, {
        body: { incidentChannels: false },
      });
      expect(off.json()).toMatchObject({ incidentChannels: false, missingScopes: [] });
      const { db } = harness.database;
      expect((await db.slackInstallation.findUniqueOrThrow({ where: { id } })).incidentChannels).toBe(false);

      for (const body of [{}, { incidentChannels: 'yes' }, { incidentChannels: true, teamName: 'x' }])
        expect((await harness.call('PATCH', `/api/v1/slack/installations/${id}`, { body })).statusCode).toBe(400);
      const missing = await harness.call('PATCH', '/api/v1/slack/installations/nope', {
        body: { incidentChannels: true },
      });
      expect(missing.statusCode).toBe(404);
    });

    it('is not deleted while integrations use it: 409 naming each, nothing changed', async () => {
      const id = await newInstallation('TUSED');
      const a = await newProject();
      const b = await newProject();
      const first = await newIntegration(a.id, 'pushes', { destination: 'slack_bot', slackInstallationId: id });
      const second = await newIntegration(b.id, 'pipelines', { destination: 'slack_bot', slackInstallationId: id });

      const refused = await harness.call('DELETE', `/api/v1/slack/installations/${id}`);
      expect(refused.statusCode).toBe(409);
      const { error } = refused.json();
      expect(error.code).toBe('conflict');
      expect(error.message).toBe(
        `Slack installation ${id} is used by 2 integrations: ${a.pathWithNamespace}: pushes (${first}), ` +
          `${b.pathWithNamespace}: pipelines (${second}); delete them or give them another destination first`,
      );
      expect(error.details.integrations).toEqual([
        { id: first, name: 'pushes', projectId: a.id, projectPath: a.pathWithNamespace },
        { id: second, name: 'pipelines', projectId: b.id, projectPath: b.pathWithNamespace },
      ]);
      const { db } = harness.database;
      expect(await db.slackInstallation.findUnique({ where: { id } })).not.toBeNull();
      expect(await db.integration.count({ where: { slackInstallationId: id } })).toBe(2);
      expect(await db.auditEntry.count({ where: { target: id } })).toBe(0);

      await harness.call('DELETE', `/api/v1/integrations/${first}`);
      await harness.call('DELETE', `/api/v1/integrations/${second}`);
      const deleted = await harness.call('DELETE', `/api/v1/slack/installations/${id}`);
      expect(deleted.statusCode).toBe(204);
      expect(await db.slackInstallation.findUnique({ where: { id } })).toBeNull();
      expect(await lastAudit(id)).toMatchObject({
        action: 'slack_installation.delete',
        details: { teamId: 'TUSED', teamName: 'Team TUSED' },
      });
      expect((await harness.call('DELETE', `/api/v1/slack/installations/${id}`)).statusCode).toBe(404);
    });

    it('cannot be taken from under an integration by the database either', async () => {
      const id = await newInstallation('TFK');
      const p = await newProject();
      await newIntegration(p.id, 'guarded', { destination: 'slack_bot', slackInstallationId: id });
      await expect(harness.database.db.slackInstallation.delete({ where: { id } })).rejects.toThrow();
    });
  });

  describe('a Mattermost connection', () => {
    it('is listed without its token', async () => {
      const id = await newConnection('listed');
      const response = await harness.call('GET', '/api/v1/mattermost/connections');
      expect(response.json().items).toContainEqual({
        id,
        name: 'listed',
        url: 'https://listed.example.com',
        hasBotToken: true,
        createdAt: expect.any(String),
      });
      expect(response.body).not.toContain('mm-secret');
    });

    it('is not deleted while integrations post through it; once free, goes with its slash commands', async () => {
      const id = await newConnection('busy');
      const p = await newProject();
      const integration = await newIntegration(p.id, 'mm', {
        destination: 'mattermost_bot',
        mattermostConnectionId: id,
      });
      const command = await newCommand(id, 'busy');

      const refused = await harness.call('DELETE', `/api/v1/mattermost/connections/${id}`);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toBe(
        `Mattermost connection ${id} is used by 1 integration: ${p.pathWithNamespace}: mm (${integration}); ` +
          'delete them or give them another destination first',
      );
      expect(await harness.database.db.mattermostCommand.findUnique({ where: { id: command } })).not.toBeNull();

      await harness.call('DELETE', `/api/v1/integrations/${integration}`);
      expect((await harness.call('DELETE', `/api/v1/mattermost/connections/${id}`)).statusCode).toBe(204);
      const { db } = harness.database;
      expect(await db.mattermostConnection.findUnique({ where: { id } })).toBeNull();
      expect(await db.mattermostCommand.findUnique({ where: { id: command } })).toBeNull();
      expect(await lastAudit(id)).toMatchObject({
        action: 'mattermost_connection.delete',
        details: { name: 'busy', url: 'https://busy.example.com', commandIds: [command] },
      });
      expect((await harness.call('DELETE', `/api/v1/mattermost/connections/${id}`)).statusCode).toBe(404);
    });
  });

  it('audits deleting a Mattermost slash command', async () => {
    const connection = await newConnection('commands');
    const command = await newCommand(connection, 'audited');
    expect((await harness.call('DELETE', `/api/v1/mattermost/commands/${command}`)).statusCode).toBe(200);
    expect(await lastAudit(command)).toMatchObject({
      actor: 'admin-api',
      action: 'mattermost_command.delete',
      details: {
        connectionId: connection,
        teamId: 'team1',
        trigger: 'audited',
        projectId: null,
        remoteId: null,
        remote: 'not_created_here',
      },
    });
  });
});
