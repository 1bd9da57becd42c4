import { findChatIdentity, SecretBox } from '@chatops/db';
import { LinkRequests } from '@chatops/identity';
import { FakeGitLab, FakeSlack } from '@chatops/testing';
import { type FastifyInstance } from 'fastify';
import { type RedisConnection } from '@chatops/jobs';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { TEST_ENCRYPTION_KEY } from '@chatops/test-support/infra';
import { deletePrefix, uniquePrefix } from '@chatops/test-support/redis';
import { buildGateway } from '../app';
import { testGatewayDeps } from '../../test/test-gateway';

const PUBLIC_URL = 'http://127.0.0.1:3999';
const CLIENT = {
  clientId: 'chatops-app',
  clientSecret: 'gloas-test-secret',
  redirectUri: `${PUBLIC_URL}/oauth/gitlab/callback`,
};
const DEV = { id: 2, username: 'dev', token: 'glpat-dev' };
const CHAT_USER = { provider: 'slack' as const, teamId: 'T0TEAM0001', chatUserId: 'U0ALICE001', chatUserName: 'alice' };

describe('account linking over GitLab OAuth with PKCE (real Redis and PostgreSQL, fake GitLab and Slack)', () => {
  const gitlab = new FakeGitLab();
  const slack = new FakeSlack();
  let database: TestDatabase;
  let prefix: string;
  let redis: RedisConnection;
  let app: FastifyInstance;
  let links: LinkRequests;

  beforeAll(async () => {
    database = await createTestDatabase();
    await Promise.all([gitlab.start(), slack.start()]);
  });
  afterAll(async () => {
    await Promise.all([gitlab.stop(), slack.stop()]);
    await database.drop();
  });
  beforeEach(async () => {
    gitlab.reset();
    gitlab.addUser({ id: DEV.id, username: DEV.username, name: 'Dev User', tokens: [DEV.token] });
    gitlab.addOAuthApplication({ ...CLIENT, scopes: ['api'] });
    gitlab.setBrowserUser(DEV.id);
    await database.db.chatIdentity.deleteMany();
    prefix = uniquePrefix('linking');
    const deps = testGatewayDeps({
      DATABASE_URL: database.url,
      QUEUE_PREFIX: prefix,
      PUBLIC_URL,
      GITLAB_URL: gitlab.url,
      GITLAB_OAUTH_CLIENT_ID: CLIENT.clientId,
      GITLAB_OAUTH_CLIENT_SECRET: CLIENT.clientSecret,
    });
    redis = deps.redis;
    // The producer connection fails fast instead of queueing commands: wait until it is up.
    if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
    ({ app } = await buildGateway(deps));
    links = new LinkRequests(redis, prefix);
  });
  afterEach(async () => {
    await app.close();
    await deletePrefix(prefix);
  });

  /** Follows the browser: our link → GitLab's authorize page (approves at once) → back to our callback. */
  async function walkThrough(token: string) {
    const start = await app.inject({ method: 'GET', url: `/link/gitlab/${token}` });
    if (start.statusCode !== 302) return { start };
    const authorize = new URL(String(start.headers.location));
    const atGitLab = await fetch(authorize, { redirect: 'manual' });
    const callback = new URL(atGitLab.headers.get('location') ?? '');
    const finish = await app.inject({ method: 'GET', url: `${callback.pathname}${callback.search}` });
    return { start, authorize, callback, finish };
  }

  /** Opens our link, then comes back to our callback with `query` and the real state, as if GitLab had answered so. */
  async function returnFromGitLab(token: string, query: string) {
    const start = await app.inject({ method: 'GET', url: `/link/gitlab/${token}` });
    const state = new URL(String(start.headers.location)).searchParams.get('state') ?? '';
    return app.inject({ method: 'GET', url: `/oauth/gitlab/callback?${query}&state=${state}` });
  }

  it('links the chat user who asked, stores the tokens sealed, confirms in chat, and the token acts as that GitLab user', async () => {
    const responseUrl = slack.createResponseUrl();
    const token = await links.issue({ ...CHAT_USER, responseUrl });
    const { authorize, finish } = await walkThrough(token);

    expect(authorize?.origin).toBe(gitlab.url);
    expect(Object.fromEntries(authorize?.searchParams ?? [])).toMatchObject({
      client_id: CLIENT.clientId,
      redirect_uri: CLIENT.redirectUri,
      response_type: 'code',
      scope: 'api',
      code_challenge_method: 'S256',
    });
    expect(authorize?.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(finish?.statusCode).toBe(200);
    expect(finish?.body).toContain('@dev');

    const identity = await findChatIdentity(database.db, CHAT_USER);
    expect(identity).toMatchObject({ gitlabUserId: DEV.id, gitlabUsername: 'dev' });
    const box = new SecretBox(Buffer.from(TEST_ENCRYPTION_KEY, 'hex'));
    const accessToken = box.open(identity?.accessTokenSealed ?? '');
    expect(identity?.accessTokenSealed).not.toContain(accessToken);
    const me = await fetch(`${gitlab.url}/api/v4/user`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(((await me.json()) as { username: string }).username).toBe('dev');
    expect(identity?.refreshTokenSealed).toBeTruthy();
    expect(identity?.tokenExpiresAt?.getTime()).toBeGreaterThan(Date.now());

    const [confirmation] = slack.responses(responseUrl);
    expect(confirmation?.payload).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('@dev') });
  });

  it('is single-use: the link and the OAuth state cannot be used again', async () => {
    const token = await links.issue(CHAT_USER);
    const { callback, finish } = await walkThrough(token);
    expect(finish?.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/link/gitlab/${token}` })).statusCode).toBe(410);
    const replayed = await app.inject({ method: 'GET', url: `${callback?.pathname}${callback?.search}` });
    expect(replayed.statusCode).toBe(400);
    expect(await database.db.chatIdentity.count()).toBe(1);
  });

  it('expires: a link older than its lifetime is refused', async () => {
    const shortLived = new LinkRequests(redis, prefix, 1);
    const token = await shortLived.issue(CHAT_USER);
    expect(await redis.ttl(`${prefix}:link:${token}`)).toBe(1);
    expect(await redis.ttl(`${prefix}:link:${await links.issue(CHAT_USER)}`)).toBeGreaterThan(590);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const { start } = await walkThrough(token);
    expect(start.statusCode).toBe(410);
    expect(start.body).toContain('expired');
    expect(await database.db.chatIdentity.count()).toBe(0);
  });

  it('refuses made-up link tokens and states without storing anything', async () => {
    expect((await app.inject({ method: 'GET', url: '/link/gitlab/not-a-token' })).statusCode).toBe(410);
    expect((await app.inject({ method: 'GET', url: `/link/gitlab/${'a'.repeat(43)}` })).statusCode).toBe(410);
    expect(
      (await app.inject({ method: 'GET', url: `/oauth/gitlab/callback?code=abc&state=${'b'.repeat(43)}` })).statusCode,
    ).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/oauth/gitlab/callback' })).statusCode).toBe(400);
    expect(await database.db.chatIdentity.count()).toBe(0);
  });

  it('stores nothing when the user denies access at GitLab, and spends the link', async () => {
    const token = await links.issue(CHAT_USER);
    const denied = await returnFromGitLab(token, 'error=access_denied');
    expect(denied.statusCode).toBe(400);
    expect(await database.db.chatIdentity.count()).toBe(0);
    expect(await links.peek(token)).toBeNull();
  });

  it('says GitLab refused when the code is not accepted (wrong PKCE verifier cannot be forged by a callback)', async () => {
    const token = await links.issue(CHAT_USER);
    const forged = await returnFromGitLab(token, `code=${'c'.repeat(64)}`);
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('refused');
    expect(await database.db.chatIdentity.count()).toBe(0);
  });
});
