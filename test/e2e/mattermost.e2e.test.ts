import { createEndpoint, createIntegration, SecretBox } from '@chatops/db';
import { FakeMattermost } from '@chatops/testing';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { loadFixture } from '../support/fixtures';
import { TEST_ENCRYPTION_KEY } from '../support/infra';
import { deletePrefix, uniquePrefix } from '../support/redis';
import { seedGitLabTestProject } from '../support/seed';
import { type RunningService, serviceEnv, startService } from '../support/services';
import { waitFor } from '../support/wait';

const mergeRequest = loadFixture<{ object_attributes: Record<string, unknown> } & Record<string, unknown>>(
  'merge_request.json',
);

/** GitLab events to Mattermost through the real gateway and notifier: an incoming webhook and the bot API. */
describe('GitLab → Mattermost, end to end', () => {
  let database: TestDatabase;
  let mattermost: FakeMattermost;
  let prefix: string;
  let hook: { id: string; secret: string };
  let webhookUrl: string;
  const services: RunningService[] = [];

  const send = (eventName: string, payload: unknown, key: string) =>
    fetch(`${services[0]?.url}/hooks/gitlab/${hook.id}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-gitlab-token': hook.secret,
        'x-gitlab-event': eventName,
        'idempotency-key': key,
      },
      body: JSON.stringify(payload),
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    mattermost = new FakeMattermost();
    const { url } = await mattermost.start();
    mattermost.addTeam({ id: 'team1', name: 'eng' });
    mattermost.addUser({ id: 'bot1', username: 'gitlab', token: 'mm-bot-token', teamIds: ['team1'], isBot: true });
    mattermost.addChannel({ id: 'devchan', teamId: 'team1', name: 'dev', type: 'O', members: ['bot1'] });
    webhookUrl = mattermost.createIncomingWebhook({
      channelId: 'town',
      channelName: 'town-square',
      teamId: 'team1',
      userId: 'bot1',
    });

    const box = new SecretBox(Buffer.from(TEST_ENCRYPTION_KEY, 'hex'));
    const project = await seedGitLabTestProject(database.db);
    const connection = await database.db.mattermostConnection.create({
      data: { name: 'main', url, botTokenSealed: box.seal('mm-bot-token') },
    });
    const common = { projectId: project.id, routes: [{ event: 'merge_request' }] };
    await createIntegration(database.db, {
      ...common,
      name: 'webhook',
      destination: 'mattermost_webhook',
      webhookUrlSealed: box.seal(webhookUrl),
    });
    await createIntegration(database.db, {
      ...common,
      name: 'bot',
      destination: 'mattermost_bot',
      mattermostConnectionId: connection.id,
      defaultChannel: 'devchan',
    });
    const created = await createEndpoint(database.db, { projectId: project.id });
    hook = { id: created.endpoint.id, secret: created.secret };

    prefix = uniquePrefix('mm');
    const env = serviceEnv(database.url, prefix);
    services.push(await startService('gateway', env), await startService('notifier', env));
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await mattermost.stop();
    await deletePrefix(prefix);
    await database.drop();
  });

  it('posts markdown to both destinations and threads the bot posts', async () => {
    expect((await send('Merge Request Hook', mergeRequest, 'mm-open')).status).toBe(202);
    const merged = {
      ...mergeRequest,
      object_attributes: { ...mergeRequest.object_attributes, action: 'merge', state: 'merged' },
    };
    await waitFor(() => mattermost.posts('devchan').length === 1, { what: 'the first bot post' });
    expect((await send('Merge Request Hook', merged, 'mm-merge')).status).toBe(202);

    const [root, reply] = await waitFor(() => mattermost.posts('devchan').length === 2 && mattermost.posts('devchan'), {
      what: 'the reply',
    });
    expect(root?.message).toBe(
      'Administrator (root) opened merge request [!1 *MS-Viewport*](http://example.com/gitlabhq/gitlab-test/-/merge_requests/1) in [GitlabHQ / Gitlab Test](http://example.com/gitlabhq/gitlab-test)',
    );
    expect(root?.root_id).toBe('');
    expect(reply?.root_id).toBe(root?.id);
    expect(reply?.message).toMatch(/^Administrator \(root\) merged merge request \[!1 \*MS-Viewport\*\]/);

    const webhookPosts = await waitFor(
      () => mattermost.webhookPosts(webhookUrl).length === 2 && mattermost.webhookPosts(webhookUrl),
      { what: 'the webhook posts' },
    );
    expect(webhookPosts.map((p) => p.status)).toEqual([200, 200]);
    expect(webhookPosts.map((p) => p.payload?.text)).toEqual([root?.message, reply?.message]);
  });
});
