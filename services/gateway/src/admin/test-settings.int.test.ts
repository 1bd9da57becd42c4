import { ChatSenders } from '@chatops/chat';
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

  const integration = async (fields: Partial<IntegrationInput>): Promise<string> =>
    (
      await createIntegration(harness.database.db, {
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
    harness = await startAdminApi({ senders: new ChatSenders({ slackApiUrl: `${url}/api`, timeoutMs: 2000 }) });
    const { db } = harness.database;
    projectId = (await seedDiasporaProject(db)).id;
    installationId = (await seedSlackInstallation(db, harness.box, { botToken: BOT_TOKEN, botUserId: BOT_USER })).id;
  });
  afterAll(async () => {
    await harness.close();
    await slack.stop();
    await mattermost.stop();
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

  it('answers 404 for an unknown integration', async () => {
    const response = await test('nosuchintegration');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });
});
