import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FakeGitLab, FakeSlack, freePort } from '@chatops/testing';
import { type Browser, type Locator } from 'playwright-core';
import { addTestWorkspace, TEAM_ID } from '../../packages/testing/src/test-support/slack-fixture';
import { launchChromium, SCREENSHOTS } from '../support/browser';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { deletePrefix, uniquePrefix } from '../support/redis';
import { type RunningService, serviceEnv, startService } from '../support/services';
import { postSlackCommand } from '../support/slack-command-form';
import { waitFor } from '../support/wait';

const ROOT = { id: 1, username: 'root', name: 'Ada Admin', isAdmin: true };
const GITLAB_OAUTH = { clientId: 'chatops-slack-app-e2e', clientSecret: 'gloas-slack-app-e2e' };
const SLACK_APP = { clientId: '1234.5678', clientSecret: 'slack-client-secret-e2e-0123', appId: 'A0CHATOPS1' };
const SIGNING_SECRET = 'slack-signing-secret-e2e-0123456789';
const INSTALLER = { userId: 'U0ALICE001', dm: 'D0ALICE001' };
const WAITING = "This workspace's chatops installation is waiting for an administrator's approval.";

/**
 * Seed 000 and 004 end to end, on a fresh instance: an administrator enters the Slack app's
 * credentials in the console, a workspace installs with Add to Slack (Slack's OAuth v2 against
 * the fake Slack) and waits for approval, the administrator approves in the console, the
 * installer is told by a direct message, and `/gitlab help` then works from that workspace.
 */
describe('Slack app: console settings → Add to Slack → approval → /gitlab help', () => {
  const gitlab = new FakeGitLab();
  const slack = new FakeSlack();
  let database: TestDatabase;
  let prefix: string;
  let gateway: string;
  let browser: Browser;
  const services: RunningService[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    database = await createTestDatabase();
    await Promise.all([gitlab.start(), slack.start()]);
    addTestWorkspace(slack);
    slack.setOAuthApp(SLACK_APP);
    gitlab.addUser(ROOT);
    const port = await freePort();
    gateway = `http://127.0.0.1:${port}`;
    gitlab.addOAuthApplication({
      ...GITLAB_OAUTH,
      redirectUri: [`${gateway}/oauth/gitlab/callback`, `${gateway}/console/auth/callback`],
      scopes: ['api'],
    });
    prefix = uniquePrefix('slack-app');
    // No SLACK_* credentials in the environment: they are entered in the console.
    const env = {
      ...serviceEnv(database.url, prefix),
      PUBLIC_URL: gateway,
      SLACK_API_URL: `${slack.url}/api`,
      SLACK_OAUTH_AUTHORIZE_URL: slack.authorizeUrl,
      SLACK_RESPONSE_URL_ORIGINS: slack.url,
      GITLAB_URL: gitlab.url,
      GITLAB_OAUTH_CLIENT_ID: GITLAB_OAUTH.clientId,
      GITLAB_OAUTH_CLIENT_SECRET: GITLAB_OAUTH.clientSecret,
    };
    services.push(
      ...(await Promise.all([
        startService('gateway', { ...env, GATEWAY_PORT: String(port) }),
        startService('command-handler', env),
      ])),
    );
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(services.map((s) => s.stop()));
    await Promise.all([gitlab.stop(), slack.stop()]);
    await deletePrefix(prefix);
    await database.drop();
  });

  const helpReply = async () => {
    const { response, responseUrl } = await postSlackCommand(
      { gateway, slack, signingSecret: SIGNING_SECRET },
      'help',
      `t-${Math.random()}`,
    );
    expect(response.status).toBe(200);
    const [reply] = await waitFor(() => slack.responses(responseUrl).length > 0 && slack.responses(responseUrl), {
      what: 'the reply to /gitlab help',
      timeoutMs: 15_000,
    });
    return JSON.stringify(reply?.payload ?? {});
  };

  it('installs with approval and then serves the workspace', async () => {
    // The administrator, in the console: the app's credentials, switched on, approval required.
    const admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    gitlab.setBrowserUser(ROOT.id);
    await admin.goto(`${gateway}/console/slack`);
    await admin.getByRole('link', { name: 'Sign in with GitLab' }).click();
    await shows(admin.getByRole('heading', { level: 1 }), 'Slack app');
    const share = await admin.getByRole('link', { name: 'Create Slack app' }).getAttribute('href');
    expect(share).toMatch(/^https:\/\/api\.slack\.com\/apps\?new_app=1&manifest_json=%7B/);
    await admin.getByLabel('Enable Slack app').check();
    await admin.getByLabel('Client ID').fill(SLACK_APP.clientId);
    await admin.getByLabel('Client secret').fill(SLACK_APP.clientSecret);
    await admin.getByLabel('Signing secret').fill(SIGNING_SECRET);
    await admin.getByLabel(/^Approval:/).check();
    await admin.getByRole('button', { name: 'Save' }).click();
    await shows(admin.locator('p.notice'), 'Slack app settings saved.');

    // A workspace administrator installs: Add to Slack, Slack's consent, back to chatops.
    slack.setInstallingUser({ teamId: TEAM_ID, teamName: 'Acme', userId: INSTALLER.userId });
    const installer = await (await browser.newContext()).newPage();
    await installer.goto(`${gateway}/slack/install`);
    await installer.getByLabel('Why does your team need it?').fill('GitLab pipelines in #general, please');
    await installer.getByRole('button', { name: 'Add to Slack' }).click();
    await shows(installer.locator('body'), 'approval');
    await installer.context().close();

    // Nothing is served from a workspace that waits.
    expect(await helpReply()).toContain(WAITING);

    // The administrator approves with a note; the installer hears of it from the bot.
    await admin.reload();
    const row = admin.locator('tr', { hasText: 'GitLab pipelines in #general, please' });
    await shows(row, TEAM_ID);
    await admin.screenshot({ path: join(SCREENSHOTS, 'console-slack-app.png'), fullPage: true });
    await row.getByLabel('Note to the installer').fill('Welcome aboard');
    await row.getByRole('button', { name: 'Approve' }).click();
    await shows(admin.locator('p.notice'), 'approved; the installer was told by a direct message.');
    const dm = await waitFor(() => slack.messages(INSTALLER.dm).length > 0 && slack.messages(INSTALLER.dm), {
      what: 'the direct message to the installer',
    });
    expect(dm.map((m) => m.text).join('\n')).toContain('Welcome aboard');

    const help = await helpReply();
    expect(help).not.toContain(WAITING);
    expect(help).toContain('issue show');

    // The checks page runs doctor's checks as the gateway sees them.
    await admin.goto(`${gateway}/console/slack/doctor`);
    await shows(admin.locator('table'), 'signing_secret');
    await admin.context().close();
  }, 90_000);
});

async function shows(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 10_000 });
}
