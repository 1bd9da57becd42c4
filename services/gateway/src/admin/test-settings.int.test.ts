import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { ChatSenders } from '@chatops/chat';
import { OutboundGuard, OutboundPolicy } from '@chatops/outbound';
import { createIntegration, type IntegrationInput, saveSlackInstallation } from '@chatops/db';
import { FakeMattermost, FakeSlack } from '@chatops/testing';
import { type AdminHarness, startAdminApi } from '@chatops/test-support/admin-api';
import { seedDiasporaProject, seedSlackInstallation } from '@chatops/test-support/seed';

const BOT_TOKEN = 'xoxb-admin-test';
const BOT_USER = 'UBOT';

/** "Test settings" against the fake Slack and Mattermost, through the real chat senders. */
describe('admin API: POST /integrations/:id/test', () => {
  let harness: AdminHarness;
  let slack: FakeSlack;
  let mattermost: FakeMattermost;
  let projectId: string;
  let installationId: string;
  let counter = 0;
  // The fake Slack and Mattermost listen on loopback, which chatops refuses by default.
  const outbound = new OutboundGuard(OutboundPolicy.from('127.0.0.1'));

  const integration = async (fields: Partial<IntegrationInput>, on = harness): Promise<string> =>
    (
      await createIntegration(on.database.db, {
        projectId,
        name: `i-${counter++}`,
        destination: 'slack_bot',
        slackInstallationId: installationId,
        routes: [],
        ...fields,
      })
    ).id;
  const test = (id: string) => harness.call('POST', `/api/v1/integrations/${id}/test`);

  beforeAll(async () => {
    slack = new FakeSlack();
    const { url } = await slack.start();
    slack.addWorkspace({
      teamId: 'T1',
      botToken: BOT_TOKEN,
      botUserId: BOT_USER,
      channels: [
        { id: 'C0GENERAL', name: 'general' },
        { id: 'C0OPS', name: 'ops', isPrivate: true, members: [BOT_USER] },
        { id: 'C0SECRET', name: 'secret', isPrivate: true, members: [] },
        ...Array.from({ length: 12 }, (_, i) => ({ id: `C0MANY${i}`, name: `many-${i}` })),
      ],
    });
    mattermost = new FakeMattermost();
    await mattermost.start();
    harness = await startAdminApi({
      senders: new ChatSenders({ slackApiUrl: `${url}/api`, timeoutMs: 2000, outbound }),
    });
    const { db } = harness.database;
    projectId = (await seedDiasporaProject(db)).id;
    installationId = (await seedSlackInstallation(db, harness.box, { botToken: BOT_TOKEN, botUserId: BOT_USER })).id;
  });
  afterAll(async () => {
    await harness.close();
    await slack.stop();
    await mattermost.stop();
    await outbound.close();
  });

  it('posts to the default channel and every route channel once, and reports each', async () => {
    const before = slack.messages('general').length;
    const id = await integration({
      defaultChannel: 'general',
      username: 'GitLab',
      routes: [
        { event: 'push', channels: ['#ops', 'general'] },
        { event: 'issue', channels: ['ops'] },
      ],
    });
    const response = await test(id);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      ok: true,
      results: [
        { channel: 'general', ok: true },
        { channel: '#ops', ok: true },
        { channel: 'ops', ok: true },
      ],
    });
    const posted = slack.messages('general').slice(before);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({
      text: 'Test message from chatops: notifications of mike/diaspora will be posted here.',
    });
    expect(slack.messages('ops').length).toBeGreaterThanOrEqual(2);
  });

  it("says, in GitLab's words, which channels need the app invited", async () => {
    const id = await integration({
      defaultChannel: 'general',
      routes: [{ event: 'push', channels: ['secret', 'nowhere'] }],
    });
    const report = (await test(id)).json();
    expect(report).toEqual({
      ok: false,
      message: 'Unable to post to secret and nowhere, please add the GitLab Slack app to any private Slack channels',
      results: [
        { channel: 'general', ok: true },
        { channel: 'secret', ok: false, error: 'channel_not_found' },
        { channel: 'nowhere', ok: false, error: 'channel_not_found' },
      ],
    });
  });

  it('counts not_in_channel (a public channel the bot may not post to) the same way', async () => {
    slack.addWorkspace({
      teamId: 'T4',
      botToken: 'xoxb-narrow',
      botUserId: 'U4',
      scopes: ['chat:write'],
      channels: [{ id: 'C4PUB', name: 'announcements', members: [] }],
    });
    const narrow = await saveSlackInstallation(harness.database.db, harness.box, {
      teamId: 'T4',
      teamName: 'Narrow',
      botUserId: 'U4',
      botToken: 'xoxb-narrow',
      scopes: ['chat:write'],
    });
    const id = await integration({ slackInstallationId: narrow.id, defaultChannel: 'announcements' });
    expect((await test(id)).json()).toEqual({
      ok: false,
      message: 'Unable to post to announcements, please add the GitLab Slack app to any private Slack channels',
      results: [{ channel: 'announcements', ok: false, error: 'not_in_channel' }],
    });
  });

  it('asks for a reinstall, without posting, when the installation is revoked', async () => {
    const revoked = await saveSlackInstallation(harness.database.db, harness.box, {
      teamId: 'T2',
      teamName: 'Gone',
      botUserId: 'U2',
      botToken: 'xoxb-gone',
      scopes: [],
    });
    await harness.database.db.slackInstallation.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    const id = await integration({ slackInstallationId: revoked.id, defaultChannel: 'general' });
    const calls = slack.callCount('chat.postMessage');
    expect((await test(id)).json()).toEqual({
      ok: false,
      message: 'GitLab for Slack app must be reinstalled to enable notifications',
      results: [{ channel: 'general', ok: false, error: 'installation_revoked' }],
    });
    expect(slack.callCount('chat.postMessage')).toBe(calls);
  });

  it('asks for a reinstall when Slack no longer accepts the token', async () => {
    const stale = await saveSlackInstallation(harness.database.db, harness.box, {
      teamId: 'T3',
      teamName: 'Stale',
      botUserId: 'U3',
      botToken: 'xoxb-unknown-to-slack',
      scopes: [],
    });
    const id = await integration({ slackInstallationId: stale.id, defaultChannel: 'general' });
    const report = (await test(id)).json();
    expect(report).toMatchObject({
      ok: false,
      message: 'GitLab for Slack app must be reinstalled to enable notifications',
      results: [{ channel: 'general', ok: false, error: 'invalid_auth' }],
    });
  });

  it('tests at most ten channels', async () => {
    const channels = Array.from({ length: 12 }, (_, i) => `many-${i}`);
    const id = await integration({
      routes: [
        { event: 'push', channels: channels.slice(0, 6) },
        { event: 'pipeline', channels: channels.slice(6) },
      ],
    });
    const calls = slack.callCount('chat.postMessage');
    const report = (await test(id)).json();
    expect(report.results.map((r: { channel: string }) => r.channel)).toEqual(channels.slice(0, 10));
    expect(slack.callCount('chat.postMessage') - calls).toBe(10);
  });

  it('posts through a Mattermost incoming webhook, to its own channel when none is configured', async () => {
    const hook = mattermost.createIncomingWebhook({ channelId: 'townsquare', channelName: 'town-square' });
    const id = await integration({
      destination: 'mattermost_webhook',
      slackInstallationId: null,
      webhookUrlSealed: harness.box.seal(hook),
    });
    expect((await test(id)).json()).toEqual({ ok: true, results: [{ channel: '', ok: true }] });
    expect(mattermost.webhookPosts(hook).at(-1)).toMatchObject({
      payload: { text: expect.stringContaining('mike/diaspora') },
    });
  });

  it('reports a Slack webhook that no longer exists', async () => {
    const hook = slack.createIncomingWebhook({ channel: 'general', teamId: 'T1' });
    slack.removeIncomingWebhook(hook);
    const id = await integration({
      destination: 'slack_webhook',
      slackInstallationId: null,
      webhookUrlSealed: harness.box.seal(hook),
      defaultChannel: 'general',
    });
    const report = (await test(id)).json();
    expect(report).toEqual({ ok: false, results: [{ channel: 'general', ok: false, error: 'no_service' }] });
  });

  describe('with the default outbound policy (no internal target allowed)', () => {
    let strict: AdminHarness;
    let strictProjectId: string;
    let listener: Server;
    let port: number;
    const received: string[] = [];
    const strictOutbound = new OutboundGuard(OutboundPolicy.strict());

    beforeAll(async () => {
      listener = createServer((request, response) => {
        received.push(`${request.method} ${request.url}`);
        response.end('ok');
      });
      await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
      port = (listener.address() as AddressInfo).port;
      strict = await startAdminApi({
        senders: new ChatSenders({
          slackApiUrl: 'https://slack.example/api',
          timeoutMs: 2000,
          outbound: strictOutbound,
        }),
      });
      strictProjectId = (await seedDiasporaProject(strict.database.db)).id;
    });
    afterAll(async () => {
      await strict.close();
      await strictOutbound.close();
      await new Promise((resolve) => listener.close(resolve));
    });

    const testOn = async (fields: Partial<IntegrationInput>) => {
      const id = await integration({ projectId: strictProjectId, slackInstallationId: null, ...fields }, strict);
      return (await strict.call('POST', `/api/v1/integrations/${id}/test`)).json();
    };

    // Stored as an older chatops (or a direct database write) could have: the admin API refuses
    // `localhost` as input, so what stops the post here is the check when connecting, after
    // `localhost` resolves to a loopback address.
    it.each(['slack_webhook', 'mattermost_webhook'] as const)(
      '%s: refuses a webhook host that resolves to loopback when connecting; nothing reaches the listener',
      async (destination) => {
        const report = await testOn({
          destination,
          webhookUrlSealed: strict.box.seal(`http://localhost:${port}/hooks/x`),
        });
        expect(report).toEqual({
          ok: false,
          message: expect.stringMatching(
            /^webhookUrl: localhost resolves to a loopback address \((127\.0\.0\.1|::1)\); chatops refuses internal targets unless OUTBOUND_ALLOWED_HOSTS allows them$/,
          ),
          results: [{ channel: '', ok: false, error: 'outbound_refused' }],
        });
        expect(received).toEqual([]);
      },
    );

    it('refuses a stored webhook URL with a literal loopback address, in any spelling', async () => {
      const report = await testOn({
        destination: 'mattermost_webhook',
        webhookUrlSealed: strict.box.seal(`http://2130706433:${port}/hooks/x`),
      });
      expect(report).toMatchObject({
        ok: false,
        message: expect.stringContaining('webhookUrl: points at a loopback address (127.0.0.1)'),
        results: [{ channel: '', ok: false, error: 'outbound_refused' }],
      });
      expect(received).toEqual([]);
    });

    it("refuses a Mattermost connection whose server resolves to loopback, naming the connection's URL", async () => {
      const connection = await strict.database.db.mattermostConnection.create({
        data: { name: 'internal', url: `http://localhost:${port}`, botTokenSealed: strict.box.seal('mm-bot') },
      });
      const report = await testOn({
        destination: 'mattermost_bot',
        mattermostConnectionId: connection.id,
        defaultChannel: 'town-square',
      });
      expect(report).toMatchObject({
        ok: false,
        message: expect.stringMatching(/^The Mattermost connection's URL: localhost resolves to a loopback address/),
        results: [{ channel: 'town-square', ok: false, error: 'outbound_refused' }],
      });
      expect(received).toEqual([]);
    });
  });

  it('answers 404 for an unknown integration', async () => {
    const response = await test('nosuchintegration');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });
});
