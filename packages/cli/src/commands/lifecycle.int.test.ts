import { createIntegration, createMattermostCommand } from '@chatops/db';
import { cliTestContext } from '@chatops/test-support/cli';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { seedDiasporaProject, seedSlackInstallation } from '@chatops/test-support/seed';
import { CommandFailed, UsageError } from '../command';
import { type CliContext } from '../context';
import { endpointCreate } from './endpoint-create';
import { endpointDelete } from './endpoint-delete';
import { endpointDisable } from './endpoint-disable';
import { endpointEnable } from './endpoint-enable';
import { endpointList } from './endpoint-list';
import { endpointRotate } from './endpoint-rotate';
import { mattermostCommandDelete } from './mattermost-command-delete';
import { mattermostCommandList } from './mattermost-command-list';
import { mattermostConnectionDelete } from './mattermost-connection-delete';
import { projectDelete } from './project-delete';
import { projectList } from './project-list';
import { slackInstallDelete } from './slack-install-delete';
import { slackInstallIncidentChannels } from './slack-install-incident-channels';
import { slackInstallList } from './slack-install-list';

describe('life-cycle commands', () => {
  let database: TestDatabase;
  let lines: string[];
  let context: CliContext;

  beforeAll(async () => {
    database = await createTestDatabase();
    const unused = () => Promise.reject(new Error('no queue needed'));
    context = cliTestContext({
      db: database.db,
      queues: { enqueue: unused, requeue: unused, queue: unused as never, whenConnected: unused },
      print: (line) => void lines.push(line),
    });
  });
  beforeEach(async () => {
    lines = [];
    await database.db.project.deleteMany();
    await database.db.mattermostConnection.deleteMany();
    await database.db.slackInstallation.deleteMany();
  });
  afterAll(() => database.drop());

  const audits = (action: string) => database.db.auditEntry.count({ where: { action, actor: 'cli' } });

  it('lists, disables, enables, rotates and deletes an endpoint, each audited', async () => {
    await seedDiasporaProject(database.db);
    const created = (await endpointCreate.run({ project: 'mike/diaspora', group: true }, context, [])) as {
      id: string;
      secretToken: string;
      scope: string;
    };
    expect(created.scope).toBe('group');
    const before = await database.db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } });

    await endpointDisable.run({ id: created.id }, context, []);
    lines = [];
    await endpointList.run({ project: 'mike/diaspora' }, context, []);
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^${created.id}\\s+group\\s+disabled\\s+no event yet`))]);
    await endpointEnable.run({ id: created.id }, context, []);
    expect((await database.db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } })).disabledAt).toBeNull();

    const rotated = (await endpointRotate.run({ id: created.id }, context, [])) as { secretToken: string };
    expect(rotated.secretToken).not.toBe(created.secretToken);
    expect((await database.db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } })).secretHash).not.toBe(
      before.secretHash,
    );

    await expect(endpointDelete.run({ id: created.id }, context, [])).rejects.toThrow(UsageError);
    await endpointDelete.run({ id: created.id, yes: true }, context, []);
    expect(await database.db.webhookEndpoint.count()).toBe(0);
    for (const action of [
      'endpoint.create',
      'endpoint.disable',
      'endpoint.enable',
      'endpoint.rotate_secret',
      'endpoint.delete',
    ])
      expect(await audits(action)).toBe(1);
    await expect(endpointDisable.run({ id: created.id }, context, [])).rejects.toThrow(`no endpoint ${created.id}`);
  });

  it('refuses to delete an installation integrations still use, naming them, then deletes it once they are gone', async () => {
    const project = await seedDiasporaProject(database.db);
    const installation = await seedSlackInstallation(database.db, context.box, { botToken: 'xoxb-life' });
    await createIntegration(database.db, {
      projectId: project.id,
      name: 'ci',
      destination: 'slack_bot',
      slackInstallationId: installation.id,
      defaultChannel: 'C1',
      routes: [{ event: 'push' }],
    });
    await slackInstallList.run({}, context, []);
    expect(lines[0]).toContain(installation.teamId);
    const refused = await slackInstallDelete
      .run({ id: installation.id, yes: true }, context, [])
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CommandFailed);
    expect((refused as Error).message).toContain('mike/diaspora/ci');

    lines = [];
    await projectDelete.run({ project: 'mike/diaspora', yes: true }, context, []);
    expect(lines[0]).toMatch(/project mike\/diaspora deleted, with 0 endpoint\(s\), 1 integration\(s\)/);
    await projectList.run({}, context, []);
    expect(lines.at(-1)).toBe('no projects');
    await slackInstallDelete.run({ id: installation.id, yes: true }, context, []);
    expect(await database.db.slackInstallation.count()).toBe(0);
  });

  it('turns incident channels on and off, audited, warning about scopes Slack will ask for', async () => {
    const installation = await seedSlackInstallation(database.db, context.box, { botToken: 'xoxb-incidents' });
    const on = (await slackInstallIncidentChannels.run({ id: installation.id, on: true }, context, [])) as {
      incidentChannels: boolean;
      missingScopes: string[];
    };
    expect(on).toMatchObject({ incidentChannels: true, missingScopes: ['channels:manage', 'channels:write.invites'] });
    expect(on).not.toHaveProperty('botTokenSealed');
    expect(lines).toEqual([
      'incident channels on for Acme (T1)',
      expect.stringContaining('not granted channels:manage, channels:write.invites'),
    ]);
    lines = [];
    await slackInstallList.run({}, context, []);
    expect(lines[0]).toContain('incident channels on');

    await slackInstallIncidentChannels.run({ id: installation.id, off: true }, context, []);
    const stored = await database.db.slackInstallation.findUniqueOrThrow({ where: { id: installation.id } });
    expect(stored.incidentChannels).toBe(false);
    expect(await audits('slack_installation.incident_channels_on')).toBe(1);
    expect(await audits('slack_installation.incident_channels_off')).toBe(1);
    expect(slackInstallIncidentChannels.check?.({ id: installation.id, on: true, off: true })).toEqual([
      'give exactly one of --on and --off',
    ]);
    expect(slackInstallIncidentChannels.check?.({ id: installation.id })).toHaveLength(1);
    await expect(slackInstallIncidentChannels.run({ id: 'nope', on: true }, context, [])).rejects.toThrow(
      'no Slack installation nope',
    );
  });

  it('lists and deletes Mattermost commands, and a connection with its commands', async () => {
    const connection = await database.db.mattermostConnection.create({
      data: { name: 'mm', url: 'https://mm.example' },
    });
    const command = await createMattermostCommand(database.db, {
      connectionId: connection.id,
      teamId: 'team1',
      trigger: '/gitlab',
      token: 'tok',
    });
    await mattermostCommandList.run({}, context, []);
    expect(lines[0]).toMatch(new RegExp(`^${command.id}\\s+/gitlab\\s+team team1\\s+any project`));
    await mattermostCommandDelete.run({ id: command.id }, context, []);
    expect(await database.db.mattermostCommand.count()).toBe(0);
    await createMattermostCommand(database.db, {
      connectionId: connection.id,
      teamId: 'team1',
      trigger: '/x',
      token: 't2',
    });
    await mattermostConnectionDelete.run({ id: connection.id, yes: true }, context, []);
    expect(await database.db.mattermostCommand.count()).toBe(0);
    expect(await audits('mattermost_command.delete')).toBeGreaterThanOrEqual(1);
  });
});
