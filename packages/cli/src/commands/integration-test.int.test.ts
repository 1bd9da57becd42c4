import { createIntegration } from '@chatops/db';
import { OutboundPolicy } from '@chatops/outbound';
import { FakeSlack } from '@chatops/testing';
import { cliTestContext } from '@chatops/test-support/cli';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { seedDiasporaProject, seedSlackInstallation } from '@chatops/test-support/seed';
import { type CliContext } from '../context';
import { integrationTest } from './integration-test';

describe('integration:test', () => {
  let database: TestDatabase;
  let slack: FakeSlack;
  let slackApiUrl: string;
  let lines: string[];
  let context: CliContext;
  let integrationId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    slack = new FakeSlack();
    slackApiUrl = `${(await slack.start()).url}/api`;
    slack.addWorkspace({
      teamId: 'T1',
      botToken: 'xoxb-cli',
      botUserId: 'UBOT',
      channels: [
        { id: 'C1', name: 'general' },
        { id: 'C2', name: 'hidden', isPrivate: true, members: [] },
      ],
    });
    const unused = () => Promise.reject(new Error('integration:test does not enqueue'));
    context = cliTestContext({
      db: database.db,
      slackApiUrl,
      queues: { enqueue: unused, requeue: unused, queue: unused as never, whenConnected: unused },
      print: (line) => void lines.push(line),
    });
    const { box } = context;
    const project = await seedDiasporaProject(database.db);
    const installation = await seedSlackInstallation(database.db, box, { botToken: 'xoxb-cli' });
    integrationId = (
      await createIntegration(database.db, {
        projectId: project.id,
        name: 'all',
        destination: 'slack_bot',
        slackInstallationId: installation.id,
        defaultChannel: 'general',
        routes: [{ event: 'push', channels: ['hidden'] }],
      })
    ).id;
  });
  beforeEach(() => {
    lines = [];
  });
  afterAll(async () => {
    await slack.stop();
    await database.drop();
  });

  it("posts to every channel, prints each outcome and GitLab's advice, and fails when a channel failed", async () => {
    await expect(integrationTest.run({ id: integrationId }, context, [])).rejects.toThrow('1 of 2 channels failed');
    expect(lines).toEqual([
      'ok      general',
      'FAILED  hidden  channel_not_found',
      'Unable to post to hidden, please add the GitLab Slack app to any private Slack channels',
    ]);
    expect(slack.messages('general').map((m) => m.text)).toEqual([
      'Test message from chatops: notifications of mike/diaspora will be posted here.',
    ]);
  });

  it('succeeds quietly when every channel works', async () => {
    await database.db.integrationRoute.deleteMany({ where: { integrationId } });
    await integrationTest.run({ id: integrationId }, context, []);
    expect(lines).toEqual(['ok      general']);
  });

  it('refuses a Slack webhook whose host resolves to loopback, unless OUTBOUND_ALLOWED_HOSTS allows it', async () => {
    const hook = new URL(slack.createIncomingWebhook({ channel: 'general', teamId: 'T1' }));
    const project = await database.db.project.findFirstOrThrow();
    const { id } = await createIntegration(database.db, {
      projectId: project.id,
      name: 'hook',
      destination: 'slack_webhook',
      // Stored directly: the CLI and the admin API refuse `localhost` as input.
      webhookUrlSealed: context.box.seal(`http://localhost:${hook.port}${hook.pathname}`),
      routes: [],
    });
    await expect(integrationTest.run({ id }, context, [])).rejects.toThrow('1 of 1 channels failed');
    expect(lines).toEqual([
      'FAILED  (webhook channel)  outbound_refused',
      expect.stringMatching(
        /^webhookUrl: localhost resolves to a loopback address \((127\.0\.0\.1|::1)\); chatops refuses internal targets unless OUTBOUND_ALLOWED_HOSTS allows them$/,
      ),
    ]);
    expect(slack.webhookPosts(hook.href)).toEqual([]);

    lines = [];
    const allowing = { ...context, outbound: OutboundPolicy.from('localhost') };
    await integrationTest.run({ id }, allowing, []);
    expect(lines).toEqual(['ok      (webhook channel)']);
    expect(slack.webhookPosts(hook.href)).toHaveLength(1);
  });

  it('says so for an unknown integration', async () => {
    await expect(integrationTest.run({ id: 'nosuchintegration' }, context, [])).rejects.toThrow(
      'unknown integration: nosuchintegration',
    );
  });
});
