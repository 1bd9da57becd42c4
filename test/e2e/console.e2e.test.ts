import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FakeGitLab, FakeMattermost, FakeSlack, freePort } from '@chatops/testing';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { launchChromium, SCREENSHOTS } from '../support/browser';
import { chatops } from '../support/cli';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { loadFixture } from '../support/fixtures';
import { deletePrefix, uniquePrefix } from '../support/redis';
import { type RunningService, serviceEnv, startService } from '../support/services';
import { waitFor } from '../support/wait';

const BOT_TOKEN = 'xoxb-console-e2e';
const TEAM = 'T0CONSOLE';
const [GENERAL, DEPLOYS] = ['C0GENERAL', 'C0DEPLOYS'];
const ROOT = { id: 1, username: 'root', name: 'Ada Admin', isAdmin: true };
const MAINTAINER = { id: 2, username: 'maria', name: 'Maria Maintainer' };
const OUTSIDER = { id: 3, username: 'olga', name: 'Olga Outsider' };
// The push fixture's project (project.id 15, mike/diaspora).
const DIASPORA = { id: 15, path_with_namespace: 'mike/diaspora', name: 'Diaspora', default_branch: 'master' };
const SECRET = { id: 16, path_with_namespace: 'other/secret', name: 'Secret' };
const OAUTH = { clientId: 'chatops-console-e2e', clientSecret: 'gloas-console-e2e-secret' };
const SHORT_TTL_SECONDS = 3;
const [MM_TEAM, MM_ADMIN, MM_ADMIN_TOKEN] = [
  'mmteamaaaaaaaaaaaaaaaaaaaa',
  'mmadminaaaaaaaaaaaaaaaaaaa',
  'mm-admin-pat-console',
];

/**
 * The operator console in headless Chromium against the built gateway and notifier, real
 * PostgreSQL and Redis, and the fake GitLab (OAuth, projects, hooks) and Slack: what an
 * administrator, a maintainer and an outsider see and can do, and the screenshots in docs/.
 */
describe('operator console in a browser', () => {
  const gitlab = new FakeGitLab();
  const slack = new FakeSlack();
  const mattermost = new FakeMattermost();
  let database: TestDatabase;
  let env: Record<string, string>;
  let consoleUrl: string;
  let shortTtlUrl: string;
  let browser: Browser;
  const services: RunningService[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    database = await createTestDatabase();
    await Promise.all([gitlab.start(), slack.start(), mattermost.start()]);
    mattermost.addTeam({ id: MM_TEAM, name: 'acme', displayName: 'Acme' });
    mattermost.addUser({
      id: MM_ADMIN,
      username: 'mmadmin',
      token: MM_ADMIN_TOKEN,
      teamIds: [MM_TEAM],
      teamAdminIds: [MM_TEAM],
    });
    slack.addWorkspace({
      teamId: TEAM,
      teamName: 'Acme',
      botToken: BOT_TOKEN,
      botUserId: 'UBOT',
      channels: [
        { id: GENERAL, name: 'general' },
        { id: DEPLOYS, name: 'deploys' },
      ],
    });
    for (const user of [ROOT, MAINTAINER, OUTSIDER]) gitlab.addUser(user);
    gitlab.addProject({ ...DIASPORA, members: { [MAINTAINER.id]: 40 } });
    gitlab.addProject({ ...SECRET, members: {} });
    const [port, shortTtlPort] = [await freePort(), await freePort()];
    consoleUrl = `http://127.0.0.1:${port}/console`;
    shortTtlUrl = `http://127.0.0.1:${shortTtlPort}/console`;
    gitlab.addOAuthApplication({
      ...OAUTH,
      redirectUri: [`${consoleUrl}/auth/callback`, `${shortTtlUrl}/auth/callback`],
      scopes: ['api'],
    });
    env = {
      ...serviceEnv(database.url, uniquePrefix('console')),
      SLACK_API_URL: `${slack.url}/api`,
      GITLAB_URL: gitlab.url,
      GITLAB_OAUTH_CLIENT_ID: OAUTH.clientId,
      GITLAB_OAUTH_CLIENT_SECRET: OAUTH.clientSecret,
    };
    await chatops(
      [
        'slack:install:add',
        '--team-id',
        TEAM,
        '--team-name',
        'Acme',
        '--bot-user-id',
        'UBOT',
        '--bot-token',
        BOT_TOKEN,
      ],
      env,
    );
    await chatops(
      ['mattermost:connection:add', '--name', 'main', '--url', mattermost.url, '--bot-token', MM_ADMIN_TOKEN],
      env,
    );
    await chatops(
      [
        'project:add',
        '--gitlab-id',
        '16',
        '--path',
        'other/secret',
        '--name',
        'Secret',
        '--web-url',
        `${gitlab.url}/other/secret`,
      ],
      env,
    );
    services.push(
      await startService('gateway', { ...env, GATEWAY_PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` }),
      await startService('gateway', {
        ...env,
        GATEWAY_PORT: String(shortTtlPort),
        PUBLIC_URL: `http://127.0.0.1:${shortTtlPort}`,
        CONSOLE_SESSION_TTL_SECONDS: String(SHORT_TTL_SECONDS),
      }),
      await startService('notifier', env),
    );
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await Promise.all(services.map((s) => s.stop()));
    await Promise.all([gitlab.stop(), slack.stop(), mattermost.stop()]);
    await deletePrefix(env.QUEUE_PREFIX ?? 'missing');
    await database.drop();
  });

  /** A fresh browser (its own cookies) signed in as `userId` through GitLab's OAuth screen. */
  async function signedIn(userId: number, base = consoleUrl): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    gitlab.setBrowserUser(userId);
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'Sign in with GitLab' }).click();
    await page.waitForURL((url) => url.pathname !== '/console/auth/sign-in');
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, name), fullPage: true });

  it('lets an administrator set up a project end to end: integration, Test settings, endpoint registered in GitLab, deliveries, retry', async () => {
    const page = await signedIn(ROOT.id);
    await expectHeading(page, 'Dashboard');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();

    // Search as you type, from GitLab's API: no ids to type.
    await page.getByLabel('Search your GitLab projects').fill('diasp');
    // The list is replaced as the user types: the project that does not match goes away.
    await page.locator('#project-results li', { hasText: 'other/secret' }).waitFor({ state: 'detached' });
    await page.locator('#project-results', { hasText: 'mike/diaspora' }).waitFor();
    await shot(page, 'console-projects.png');
    await page.getByRole('button', { name: 'Add mike/diaspora' }).click();
    await expectHeading(page, 'mike/diaspora');
    await expectNotice(page, 'mike/diaspora added.');

    // The integration form, as GitLab's: a refusal first, in the admin API's own words.
    await page.getByRole('link', { name: 'New integration' }).click();
    await page.getByLabel('Name', { exact: true }).fill('notifications');
    await page.getByLabel('Slack workspace', { exact: true }).selectOption({ label: `Acme (${TEAM})` });
    await page.getByRole('checkbox', { name: 'Push', exact: true }).check();
    await page
      .getByLabel('Push channels', { exact: true })
      .fill(Array.from({ length: 11 }, (_, i) => `C0X${i}`).join(', '));
    await page.getByRole('button', { name: 'Create integration' }).click();
    await shows(page.getByRole('alert'), 'events.push.channels: cannot have more than 10 channels');
    await page.getByLabel('Push channels', { exact: true }).fill(GENERAL);
    await page.getByRole('checkbox', { name: 'Pipeline', exact: true }).check();
    await page.getByLabel('Pipeline channels', { exact: true }).fill(DEPLOYS);
    await page.getByLabel('Default channel').fill(GENERAL);
    await page.getByLabel('Branches for which notifications are to be sent').selectOption('all');
    await page.getByLabel('Labels to be notified', { exact: true }).fill('bug, incident');
    await page.getByRole('button', { name: 'Create integration' }).click();
    await expectNotice(page, 'Integration notifications created.');
    const integrationId = page.url().split('/').pop() ?? '';
    const stored = await database.db.integration.findUniqueOrThrow({
      where: { id: integrationId },
      include: { routes: true },
    });
    expect(stored).toMatchObject({
      branchesToBeNotified: 'all',
      labelsToBeNotified: ['bug', 'incident'],
      defaultChannel: GENERAL,
    });
    expect(stored.routes.map((r) => [r.event, r.channels])).toEqual(
      expect.arrayContaining([
        ['push', [GENERAL]],
        ['pipeline', [DEPLOYS]],
      ]),
    );

    // Test settings posts a real test message to every channel and shows Slack's answer.
    await page.getByRole('button', { name: 'Save and test settings' }).click();
    await shows(page.getByRole('status', { name: 'Test settings result' }), 'Test message sent');
    expect(slack.messages(GENERAL, TEAM).length).toBeGreaterThanOrEqual(1);
    expect(slack.messages(DEPLOYS, TEAM).length).toBeGreaterThanOrEqual(1);
    await shot(page, 'console-integration.png');

    // An endpoint: URL and token shown once, then registered in GitLab as the signed-in user.
    await page.getByRole('link', { name: '← mike/diaspora' }).click();
    await page.getByRole('button', { name: 'Create an endpoint' }).click();
    await expectHeading(page, 'Endpoint created');
    const hookUrl = (await page.locator('#endpoint-url').textContent()) ?? '';
    const secret = (await page.locator('#endpoint-secret').textContent()) ?? '';
    expect(hookUrl).toMatch(/\/hooks\/gitlab\/[\w-]+$/);
    await shot(page, 'console-endpoint-created.png');
    await page.getByRole('button', { name: 'Create the webhook in GitLab' }).click();
    await expectNotice(page, 'Created GitLab hook');
    await shows(page.locator('tr.health-ok'), 'OK');
    await shot(page, 'console-project.png');
    const [hook] = gitlab.hooks(DIASPORA.id);
    expect(hook).toMatchObject({ url: hookUrl, token: secret });
    expect(hook?.events).toMatchObject({
      push_events: true,
      pipeline_events: true,
      issues_events: false,
      note_events: false,
    });

    // A fixture event through that endpoint, with the token GitLab now holds, reaches Slack and the log.
    const push = await fetch(hookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-gitlab-event': 'Push Hook',
        'x-gitlab-token': hook?.token ?? '',
        'idempotency-key': 'console-push-1',
      },
      body: JSON.stringify(loadFixture('push.json')),
    });
    expect(push.status).toBe(202);
    await waitFor(() => slack.messages(GENERAL, TEAM).some((m) => m.text?.includes('pushed to branch')), {
      what: 'the push in #general',
    });
    await page.goto(`${consoleUrl}/integrations/${integrationId}/deliveries`);
    const row = page.locator('tr.status-sent', { hasText: 'push' });
    await shows(row, GENERAL);
    await row.getByText('1', { exact: true }).click(); // its tries: outcome, time taken
    await shows(row, 'ms');
    await shot(page, 'console-deliveries.png');

    // A dead letter (a delivery that failed its hour of tries) retried from the console is posted.
    const sent = await database.db.delivery.findFirstOrThrow({ where: { eventKey: 'console-push-1' } });
    const dead = await database.db.delivery.create({
      data: {
        integrationId,
        endpointId: sent.endpointId,
        eventKey: 'console-push-dead',
        eventKind: 'push',
        channel: GENERAL,
        status: 'failed',
        body: sent.body as object,
        attempts: 20,
        lastErrorCode: 'ratelimited',
        lastErrorMessage: 'Slack kept answering 429 for an hour',
      },
    });
    const before = slack.messages(GENERAL, TEAM).length;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dead letters' }).click();
    await shows(page.locator('tr.status-failed'), 'Slack kept answering 429 for an hour');
    await shot(page, 'console-dead-letters.png');
    await page.locator('tr.status-failed').getByRole('button', { name: 'Retry' }).click();
    await expectNotice(page, 'Delivery queued again.');
    await waitFor(
      async () => (await database.db.delivery.findUniqueOrThrow({ where: { id: dead.id } })).status === 'sent',
      { what: 'the retried dead letter to be sent' },
    );
    expect(slack.messages(GENERAL, TEAM).length).toBe(before + 1);

    // Who did all this: the audit log names the GitLab user.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    for (const action of ['project.create', 'integration.create', 'endpoint.create', 'delivery.replay'])
      await shows(page.locator('tr', { hasText: action }), 'gitlab:root');
    await shot(page, 'console-audit.png');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat connections' }).click();
    await shows(page.locator('table').first(), TEAM);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await shows(page.locator('.card').first(), 'events');
    await shows(page.locator('section', { hasText: 'Slowest channels' }), GENERAL);
    await shot(page, 'console-dashboard.png');
  });

  it("shows a maintainer their projects only, and refuses another project's pages", async () => {
    const page = await signedIn(MAINTAINER.id);
    await page.goto(`${consoleUrl}/projects`);
    await shows(page.locator('table'), 'mike/diaspora');
    await lacks(page.locator('table'), 'other/secret');
    await lacks(page.getByRole('navigation', { name: 'Main' }), 'Audit log');
    const secret = await database.db.project.findUniqueOrThrow({ where: { gitlabProjectId: SECRET.id } });
    const refused = await page.goto(`${consoleUrl}/projects/${secret.id}`);
    expect(refused?.status()).toBe(403);
    await shows(page.getByRole('alert'), 'You are not a Maintainer or Owner of other/secret');
  });

  it("lets a maintainer add their project's slash command to Mattermost with GitLab's values", async () => {
    const page = await signedIn(MAINTAINER.id);
    const diaspora = await database.db.project.findUniqueOrThrow({ where: { gitlabProjectId: DIASPORA.id } });
    await page.goto(`${consoleUrl}/projects/${diaspora.id}`);
    await page.getByRole('link', { name: 'a slash command for this project' }).click();
    await expectHeading(page, 'Mattermost slash command for mike/diaspora');
    await shows(page.locator('dl.secrets'), 'GitLab / ');
    await page.getByRole('button', { name: 'Add to Mattermost in Acme' }).click();
    await expectNotice(page, 'Created /diaspora in Mattermost.');
    const [command] = mattermost.commands(MM_TEAM);
    expect(command).toMatchObject({ trigger: 'diaspora', url: expect.stringMatching(/\/mattermost\/commands$/) });
    await shows(page.locator('table'), '/diaspora');
    await shot(page, 'console-mattermost.png');
  });

  it('tells someone who maintains nothing that there is nothing for them', async () => {
    const page = await signedIn(OUTSIDER.id);
    await expectHeading(page, 'No access');
    await shows(page.locator('main'), '@olga, you are not a GitLab administrator');
    await shot(page, 'console-no-access.png');
  });

  it('refuses a form posted without its CSRF token', async () => {
    const page = await signedIn(ROOT.id);
    const before = await database.db.project.count();
    const post = await page.request.post(`${consoleUrl}/projects`, { form: { gitlabProjectId: String(SECRET.id) } });
    expect(post.status()).toBe(403);
    expect(await post.text()).toContain('CSRF check failed');
    expect(await database.db.project.count()).toBe(before);
  });

  it('ends a session after CONSOLE_SESSION_TTL_SECONDS', async () => {
    const page = await signedIn(ROOT.id, shortTtlUrl);
    await expectHeading(page, 'Dashboard');
    await new Promise((resolve) => setTimeout(resolve, SHORT_TTL_SECONDS * 1000 + 500));
    await page.reload();
    await expectHeading(page, 'Sign in');
    await shows(page.getByRole('status'), 'Your session expired: sign in again.');
  });
});

/** Waits (up to 10 s) until the element shows the text. */
async function shows(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 10_000 });
}

async function lacks(locator: Locator, text: string): Promise<void> {
  await locator.first().waitFor({ timeout: 10_000 });
  expect(await locator.first().textContent()).not.toContain(text);
}

async function expectHeading(page: Page, text: string): Promise<void> {
  await shows(page.getByRole('heading', { level: 1 }), text);
}

async function expectNotice(page: Page, text: string): Promise<void> {
  await shows(page.locator('p.notice'), text);
}
