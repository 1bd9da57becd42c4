import { signSlackRequest } from '@chatops/chat';
import { saveChatIdentity, saveSlackInstallation, SecretBox } from '@chatops/db';
import { FakeSlack } from '@chatops/testing';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { TEST_ENCRYPTION_KEY } from '@chatops/test-support/infra';
import { deletePrefix, uniquePrefix } from '@chatops/test-support/redis';
import { waitFor } from '@chatops/test-support/wait';
import { type FastifyInstance } from 'fastify';
import {
  addTestWorkspace,
  BOT_TOKEN,
  BOT_USER,
  TEAM_ID,
} from '../../../../../packages/testing/src/test-support/slack-fixture';
import { buildGateway } from '../../app';
import { testGatewayDeps } from '../../../test/test-gateway';

const SIGNING_SECRET = 'slack-signing-secret-for-events-0123';
const GITLAB_URL = 'https://gitlab.example.com';
const PUBLIC_URL = 'https://chatops.example.com';
const box = new SecretBox(Buffer.from(TEST_ENCRYPTION_KEY, 'hex'));

describe('POST /slack/events (real Redis and PostgreSQL, fake Slack sending the events)', () => {
  const slack = new FakeSlack();
  let database: TestDatabase;
  let prefix: string;
  let app: FastifyInstance;
  let installationId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    await slack.start();
  });
  afterAll(async () => {
    await slack.stop();
    await database.drop();
  });
  beforeEach(async () => {
    slack.reset();
    addTestWorkspace(slack);
    await database.db.slackInstallation.deleteMany();
    await database.db.chatIdentity.deleteMany();
    ({ id: installationId } = await saveSlackInstallation(database.db, box, {
      teamId: TEAM_ID,
      teamName: 'Acme',
      botUserId: BOT_USER,
      botToken: BOT_TOKEN,
      scopes: ['commands', 'chat:write'],
    }));
    prefix = uniquePrefix('events');
    const deps = testGatewayDeps({
      DATABASE_URL: database.url,
      QUEUE_PREFIX: prefix,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${slack.url}/api`,
      PUBLIC_URL,
      GITLAB_URL,
      GITLAB_OAUTH_CLIENT_ID: 'chatops-app',
      GITLAB_OAUTH_CLIENT_SECRET: 'gloas-secret',
    });
    if (deps.redis.status !== 'ready') await new Promise((resolve) => deps.redis.once('ready', resolve));
    ({ app } = await buildGateway(deps));
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    slack.setApp({ signingSecret: SIGNING_SECRET, eventsUrl: `${address}/slack/events` });
  });
  afterEach(async () => {
    await app.close();
    await deletePrefix(prefix);
  });

  const installation = () => database.db.slackInstallation.findUniqueOrThrow({ where: { id: installationId } });

  it('answers url_verification with its challenge', async () => {
    const answer = await slack.urlVerification();
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ challenge: answer.challenge });
  });

  it('refuses what is not signed with the signing secret, and stale requests', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'x' });
    const post = (secret: string, timestamp: number) =>
      app.inject({
        method: 'POST',
        url: '/slack/events',
        headers: {
          'content-type': 'application/json',
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signSlackRequest(secret, String(timestamp), Buffer.from(body)),
        },
        payload: body,
      });
    const now = Math.floor(Date.now() / 1000);
    expect((await post('another-secret', now)).statusCode).toBe(401);
    expect((await post(SIGNING_SECRET, now - 301)).json()).toMatchObject({ error: { code: 'stale_timestamp' } });
    expect((await post(SIGNING_SECRET, now)).json()).toEqual({ challenge: 'x' });
  });

  it('marks the installation revoked when the workspace removes the app (tokens_revoked, app_uninstalled)', async () => {
    const { tokensRevoked, appUninstalled } = await slack.uninstallApp(TEAM_ID);
    expect([tokensRevoked.status, appUninstalled.status]).toEqual([200, 200]);
    expect((await installation()).revokedAt).toBeInstanceOf(Date);
    const audit = await database.db.auditEntry.findMany({ where: { action: 'slack_installation.revoked' } });
    expect(audit).toEqual([
      expect.objectContaining({
        actor: 'slack',
        target: installationId,
        details: expect.objectContaining({ reason: 'tokens_revoked' }),
      }),
    ]);
  });

  it('marks it revoked on tokens_revoked for the bot, not for user tokens only', async () => {
    await slack.sendEvent(TEAM_ID, { type: 'tokens_revoked', tokens: { oauth: ['U0ALICE001'], bot: [] } });
    expect((await installation()).revokedAt).toBeNull();
    expect((await slack.revokeTokensWithEvent(TEAM_ID)).status).toBe(200);
    expect((await installation()).revokedAt).toBeInstanceOf(Date);
  });

  it('answers an event it does not handle with an empty 204', async () => {
    const answer = await slack.sendEvent(TEAM_ID, { type: 'member_joined_channel', user: 'U0BOB00001' });
    expect(answer).toMatchObject({ status: 204, body: '' });
  });

  describe('app_home_opened', () => {
    const homeOf = (userId: string) =>
      waitFor(() => slack.views().find((v) => v.type === 'home' && v.user_id === userId), { what: 'the App Home' });
    const lastBlock = (view: { view: Record<string, unknown> }) => (view.view['blocks'] as unknown[]).at(-1);

    it('publishes GitLab’s App Home with a button connecting a user who has not linked an account', async () => {
      const answer = await slack.sendEvent(TEAM_ID, { type: 'app_home_opened', user: 'U0ALICE001', tab: 'home' });
      expect(answer).toMatchObject({ status: 200, body: {} });
      const home = await homeOf('U0ALICE001');
      // The fake adds block_ids, as Slack does.
      expect((home.view['blocks'] as unknown[])[0]).toMatchObject({
        type: 'header',
        text: { type: 'plain_text', text: '✨ Welcome to GitLab for Slack!', emoji: true },
      });
      expect(lastBlock(home)).toMatchObject({
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Connect your GitLab account', emoji: true },
            style: 'primary',
            url: expect.stringMatching(/^https:\/\/chatops\.example\.com\/link\/gitlab\/[A-Za-z0-9_-]{43}$/),
          },
        ],
      });
      expect(slack.calls.find((c) => c.method === 'views.publish')?.token).toBe(BOT_TOKEN);
    });

    it('says which GitLab account a linked user is connected to', async () => {
      await saveChatIdentity(database.db, box, {
        provider: 'slack',
        teamId: TEAM_ID,
        chatUserId: 'U0ALICE001',
        gitlabUserId: 7,
        gitlabUsername: 'alice',
        accessToken: 'glpat-x',
        refreshToken: null,
        tokenExpiresAt: null,
      });
      await slack.sendEvent(TEAM_ID, { type: 'app_home_opened', user: 'U0ALICE001', tab: 'home' });
      expect(lastBlock(await homeOf('U0ALICE001'))).toMatchObject({
        type: 'section',
        text: { type: 'mrkdwn', text: `✅ Connected to GitLab account <${GITLAB_URL}/alice|@alice>.` },
      });
    });

    it('publishes nothing in a workspace whose installation waits for approval', async () => {
      await database.db.slackInstallation.update({ where: { id: installationId }, data: { pendingApproval: true } });
      const answer = await slack.sendEvent(TEAM_ID, { type: 'app_home_opened', user: 'U0ALICE001', tab: 'home' });
      expect(answer.status).toBe(200);
      await app.close(); // waits for the work started after answering
      expect(slack.callCount('views.publish')).toBe(0);
      app = await buildGateway(
        testGatewayDeps({ DATABASE_URL: database.url, QUEUE_PREFIX: prefix, SLACK_SIGNING_SECRET: SIGNING_SECRET }),
      ).then((s) => s.app);
    });
  });
});
