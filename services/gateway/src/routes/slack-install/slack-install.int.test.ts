import { SecretBox } from '@chatops/db';
import { FakeSlack } from '@chatops/testing';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { TEST_ENCRYPTION_KEY } from '@chatops/test-support/infra';
import { deletePrefix, uniquePrefix } from '@chatops/test-support/redis';
import { type FastifyInstance } from 'fastify';
import { buildGateway } from '../../app';
import { testGatewayDeps } from '../../../test/test-gateway';

const PUBLIC_URL = 'http://127.0.0.1:3999';
const CALLBACK = `${PUBLIC_URL}/slack/oauth/callback`;
const APP = { clientId: '1111.2222', clientSecret: 'slack-client-secret', appId: 'A0CHATOPS1' };
const ADMIN_TOKEN = 'a'.repeat(32);
const box = new SecretBox(Buffer.from(TEST_ENCRYPTION_KEY, 'hex'));

describe('Add to Slack: OAuth v2 install (real Redis and PostgreSQL, fake Slack)', () => {
  const slack = new FakeSlack({ oauth: { ...APP, redirectUrls: [CALLBACK] } });
  let database: TestDatabase;
  let prefix: string;
  let app: FastifyInstance;

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
    await database.db.installRequest.deleteMany();
    await database.db.slackInstallation.deleteMany();
    await database.db.slackAppSettings.deleteMany();
    await database.db.auditEntry.deleteMany();
    prefix = uniquePrefix('install');
    app = await gateway();
  });
  afterEach(async () => {
    await app.close();
    await deletePrefix(prefix);
  });

  async function gateway(env: Record<string, string> = {}): Promise<FastifyInstance> {
    const deps = testGatewayDeps({
      DATABASE_URL: database.url,
      QUEUE_PREFIX: prefix,
      PUBLIC_URL,
      SLACK_API_URL: `${slack.url}/api`,
      SLACK_OAUTH_AUTHORIZE_URL: slack.authorizeUrl,
      SLACK_CLIENT_ID: APP.clientId,
      SLACK_CLIENT_SECRET: APP.clientSecret,
      ...env,
    });
    if (deps.redis.status !== 'ready') await new Promise((resolve) => deps.redis.once('ready', resolve));
    return (await buildGateway(deps)).app;
  }

  const setSlackApp = async (body: Record<string, unknown>) => {
    const response = await app.inject({
      method: 'PUT',
      url: '/api/v1/slack/app',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    expect(response.statusCode).toBe(200);
  };

  /** The installer's browser: our install page's form → Slack's consent screen → back to our callback. */
  async function install(message = '') {
    const start = await app.inject({
      method: 'POST',
      url: '/slack/install',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ message }).toString(),
    });
    expect(start.statusCode).toBe(302);
    const cookie = String(start.headers['set-cookie']).split(';')[0] ?? '';
    const authorize = new URL(String(start.headers.location));
    const atSlack = await fetch(authorize, { redirect: 'manual' });
    expect(atSlack.status).toBe(302);
    const callback = new URL(atSlack.headers.get('location') ?? '');
    const finish = await app.inject({
      method: 'GET',
      url: `${callback.pathname}${callback.search}`,
      headers: { cookie },
    });
    return { start, cookie, authorize, callback, finish };
  }

  const installations = () => database.db.slackInstallation.findMany({ include: { installRequest: true } });

  it('shows the install page, with a box for the request message under the approval policy', async () => {
    const page = await app.inject({ method: 'GET', url: '/slack/install' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain(`form-action 'self' ${slack.url}`);
    expect(page.body).toContain('<textarea id="message" name="message"');
    await setSlackApp({ installPolicy: 'open', approvalLink: 'https://gitlab.example.com/it/-/issues/new' });
    const open = await app.inject({ method: 'GET', url: '/slack/install' });
    expect(open.body).not.toContain('<textarea');
    expect(open.body).not.toContain('gitlab.example.com/it');
  });

  it('sends the installer to Slack with the manifest scopes, our callback and a state bound to the browser', async () => {
    slack.setInstallingUser({ teamId: 'T0NEWTEAM1', teamName: 'New Team', userId: 'U0INSTALL1' });
    const { start, authorize } = await install();
    expect(`${authorize.origin}${authorize.pathname}`).toBe(slack.authorizeUrl);
    expect(authorize.searchParams.get('client_id')).toBe(APP.clientId);
    expect(authorize.searchParams.get('redirect_uri')).toBe(CALLBACK);
    expect(authorize.searchParams.get('scope')).toBe(
      'commands,chat:write,chat:write.public,chat:write.customize,im:write,channels:manage,channels:write.invites',
    );
    const state = authorize.searchParams.get('state') ?? '';
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(String(start.headers['set-cookie'])).toMatch(
      new RegExp(`^slack-app-oauth-state=${state}; Secure; HttpOnly`),
    );
  });

  it('stores an install under the open policy as active: team, bot, sealed token, scopes, installer, app id, manifest', async () => {
    await setSlackApp({ installPolicy: 'open' });
    slack.setInstallingUser({ teamId: 'T0NEWTEAM1', teamName: 'New Team', userId: 'U0INSTALL1' });
    const { finish } = await install();
    expect(finish.statusCode).toBe(200);
    expect(finish.body).toContain('<h1>Installed</h1>');
    expect(finish.body).toContain('installed in New Team');
    const [stored, ...others] = await installations();
    expect(others).toEqual([]);
    expect(stored).toMatchObject({
      teamId: 'T0NEWTEAM1',
      enterpriseId: '',
      teamName: 'New Team',
      appId: APP.appId,
      installedBy: 'U0INSTALL1',
      pendingApproval: false,
      revokedAt: null,
      installRequest: null,
      scopes: [
        'commands',
        'chat:write',
        'chat:write.public',
        'chat:write.customize',
        'im:write',
        'channels:manage',
        'channels:write.invites',
      ],
      manifest: expect.objectContaining({ urls: expect.objectContaining({ redirect: CALLBACK }) }),
    });
    const token = box.open(stored?.botTokenSealed ?? '');
    expect(token).toMatch(/^xoxb-/);
    expect(stored?.botTokenSealed).not.toContain(token);
    const audit = await database.db.auditEntry.findMany({ where: { action: 'slack_installation.install' } });
    expect(audit).toEqual([expect.objectContaining({ actor: 'slack:U0INSTALL1', target: stored?.id })]);
  });

  it('reinstalling updates the same row, with the new token, and clears revokedAt', async () => {
    await setSlackApp({ installPolicy: 'open' });
    slack.setInstallingUser({ teamId: 'T0NEWTEAM1', teamName: 'New Team', userId: 'U0INSTALL1' });
    await install();
    const [first] = await installations();
    await database.db.slackInstallation.update({ where: { id: first?.id }, data: { revokedAt: new Date() } });
    const { finish } = await install();
    expect(finish.body).toContain('<h1>Reinstalled</h1>');
    const [second, ...others] = await installations();
    expect(others).toEqual([]);
    expect(second?.id).toBe(first?.id);
    expect(second?.revokedAt).toBeNull();
    expect(box.open(second?.botTokenSealed ?? '')).not.toBe(box.open(first?.botTokenSealed ?? ''));
  });

  it('stores an install under the approval policy as pending, with a request carrying the message', async () => {
    slack.setInstallingUser({ teamId: 'T0NEWTEAM1', teamName: 'New Team', userId: 'U0INSTALL1' });
    const { finish } = await install('For #releases, see https://gitlab.example.com/it/-/issues/7');
    expect(finish.body).toContain('<h1>Waiting for approval</h1>');
    const [stored] = await installations();
    expect(stored).toMatchObject({
      pendingApproval: true,
      installRequest: {
        teamId: 'T0NEWTEAM1',
        teamName: 'New Team',
        requestedBy: 'U0INSTALL1',
        status: 'pending',
        message: 'For #releases, see https://gitlab.example.com/it/-/issues/7',
      },
    });
  });

  it('serves a pre-approved team at once under the approval policy', async () => {
    await setSlackApp({ preApprovedTeamIds: ['T0NEWTEAM1'] });
    slack.setInstallingUser({ teamId: 'T0NEWTEAM1', userId: 'U0INSTALL1' });
    expect((await install('please')).finish.body).toContain('<h1>Installed</h1>');
    expect(await installations()).toEqual([expect.objectContaining({ pendingApproval: false, installRequest: null })]);
  });

  it('stores nothing when the installer cancels at Slack', async () => {
    slack.setInstallingUser({ teamId: 'T0NEWTEAM1', userId: 'U0INSTALL1', approve: false });
    const { finish } = await install();
    expect(finish.statusCode).toBe(200);
    expect(finish.body).toContain('Installation cancelled');
    expect(await installations()).toEqual([]);
  });

  it('refuses a callback without the browser cookie, and a state used twice', async () => {
    slack.setInstallingUser({ teamId: 'T0NEWTEAM1', userId: 'U0INSTALL1' });
    const start = await app.inject({ method: 'POST', url: '/slack/install' });
    const cookie = String(start.headers['set-cookie']).split(';')[0] ?? '';
    const atSlack = await fetch(String(start.headers.location), { redirect: 'manual' });
    const callback = new URL(atSlack.headers.get('location') ?? '');
    const url = `${callback.pathname}${callback.search}`;
    const noCookie = await app.inject({ method: 'GET', url });
    expect(noCookie.statusCode).toBe(400);
    expect(noCookie.body).toContain('Install link expired');
    expect((await app.inject({ method: 'GET', url, headers: { cookie } })).statusCode).toBe(200);
    const replay = await app.inject({ method: 'GET', url, headers: { cookie } });
    expect(replay.statusCode).toBe(400);
    expect(await installations()).toHaveLength(1);
  });

  it('refuses an org-wide Enterprise Grid install and gives its token back', async () => {
    slack.setInstallingUser({
      teamId: 'T0ORGTEAM1',
      userId: 'U0INSTALL1',
      enterpriseId: 'E0GRID0001',
      enterpriseInstall: true,
    });
    const { finish } = await install();
    expect(finish.statusCode).toBe(400);
    expect(finish.body).toContain('Org-wide installs are not supported');
    expect(await installations()).toEqual([]);
    expect(slack.callCount('auth.revoke')).toBe(1);
  });

  it('stores the Enterprise Grid org of a workspace installed in one', async () => {
    await setSlackApp({ installPolicy: 'open' });
    slack.setInstallingUser({ teamId: 'T0GRIDTEAM', userId: 'U0INSTALL1', enterpriseId: 'E0GRID0001' });
    await install();
    expect(await installations()).toEqual([
      expect.objectContaining({ teamId: 'T0GRIDTEAM', enterpriseId: 'E0GRID0001' }),
    ]);
  });

  it('says what Slack answered when the exchange fails (a wrong client secret)', async () => {
    await app.close();
    app = await gateway({ SLACK_CLIENT_SECRET: 'wrong' });
    slack.setInstallingUser({ teamId: 'T0NEWTEAM1', userId: 'U0INSTALL1' });
    const { finish } = await install();
    expect(finish.statusCode).toBe(502);
    expect(finish.body).toContain('Slack answered bad_client_secret');
    expect(await installations()).toEqual([]);
  });

  it('is closed while the app is off, and until the client id and secret are set', async () => {
    await setSlackApp({ enabled: false });
    expect((await app.inject({ method: 'GET', url: '/slack/install' })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/slack/oauth/callback?code=x&state=y' })).statusCode).toBe(403);
    await setSlackApp({ enabled: true });
    await app.close();
    app = await gateway({ SLACK_CLIENT_ID: '', SLACK_CLIENT_SECRET: '' });
    const page = await app.inject({ method: 'GET', url: '/slack/install' });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('slack:app:set');
  });
});
