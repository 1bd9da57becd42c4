import { FakeGitLab, FakeSlack, freePort } from '@chatops/testing';
import { addTestInstance, PRIVATE_ID, USERS } from '../../packages/testing/src/test-support/gitlab-fixture';
import { addTestWorkspace, TEAM_ID } from '../../packages/testing/src/test-support/slack-fixture';
import { chatops } from '../support/cli';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { deletePrefix, uniquePrefix } from '../support/redis';
import { postSlackCommand } from '../support/slack-command-form';
import { type RunningService, serviceEnv, startService } from '../support/services';
import { waitFor } from '../support/wait';

const SIGNING_SECRET = 'e2e-slack-signing-secret-0123456789';
const CLIENT = { clientId: 'chatops-e2e', clientSecret: 'gloas-e2e-secret' };

/**
 * A slash command through the real gateway and command-handler processes: an unlinked Slack user
 * gets GitLab's "connect your GitLab account" link, links over OAuth (PKCE) in the "browser",
 * and the same command then creates the issue as that user.
 */
describe('Slack slash command → account link → GitLab, end to end', () => {
  const gitlab = new FakeGitLab();
  const slack = new FakeSlack();
  let database: TestDatabase;
  let prefix: string;
  let gateway: string;
  const services: RunningService[] = [];

  const command = (text: string) =>
    postSlackCommand({ gateway, slack, signingSecret: SIGNING_SECRET }, text, `t-${Math.random()}`);
  const replies = (responseUrl: string, count: number) =>
    waitFor(
      () => slack.responses(responseUrl).length >= count && slack.responses(responseUrl).map((r) => r.payload ?? {}),
      { what: `${count} replies`, timeoutMs: 15_000 },
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    await Promise.all([gitlab.start(), slack.start()]);
    const port = await freePort();
    gateway = `http://127.0.0.1:${port}`;
    addTestInstance(gitlab);
    gitlab.addOAuthApplication({ ...CLIENT, redirectUri: `${gateway}/oauth/gitlab/callback`, scopes: ['api'] });
    gitlab.setBrowserUser(USERS.dev);
    addTestWorkspace(slack);

    prefix = uniquePrefix('slash-e2e');
    const env = {
      ...serviceEnv(database.url, prefix),
      PUBLIC_URL: gateway,
      GITLAB_URL: gitlab.url,
      GITLAB_OAUTH_CLIENT_ID: CLIENT.clientId,
      GITLAB_OAUTH_CLIENT_SECRET: CLIENT.clientSecret,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      // The fake Slack stands in for hooks.slack.com.
      SLACK_RESPONSE_URL_ORIGINS: slack.url,
    };
    await chatops(
      [
        'project:add',
        '--gitlab-id',
        String(PRIVATE_ID),
        '--path',
        'acme/backend',
        '--web-url',
        `${gitlab.url}/acme/backend`,
      ],
      env,
    );
    await chatops(['project:alias', '--project', 'acme/backend', '--alias', 'be'], env);
    await chatops(
      ['slack:install:add', '--team-id', TEAM_ID, '--bot-user-id', 'U0BOT00001', '--bot-token', 'xoxb-test-token'],
      env,
    );
    services.push(
      await startService('gateway', { ...env, GATEWAY_PORT: String(port) }),
      await startService('command-handler', env),
    );
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await Promise.all([gitlab.stop(), slack.stop()]);
    await deletePrefix(prefix);
    await database.drop();
  });

  it('links the user through GitLab OAuth, then creates the issue as that user', async () => {
    const first = await command('be issue new Broken build\nSteps: run make test');
    expect(first.response.status).toBe(200);
    const [authorize] = await replies(first.responseUrl, 1);
    expect(authorize).toMatchObject({ response_type: 'ephemeral' });
    const link = /<(http[^|>]+)\|connect your GitLab account>/.exec(String(authorize?.['text']))?.[1] ?? '';
    expect(link.startsWith(`${gateway}/link/gitlab/`)).toBe(true);
    expect(gitlab.issues(PRIVATE_ID)).toHaveLength(0);

    // The browser: our link → GitLab (approves at once) → our callback.
    const toGitLab = await fetch(link, { redirect: 'manual' });
    const toCallback = await fetch(toGitLab.headers.get('location') ?? '', { redirect: 'manual' });
    const done = await fetch(toCallback.headers.get('location') ?? '');
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('@dev');
    const [, confirmation] = await replies(first.responseUrl, 2);
    expect(confirmation?.['text']).toMatch(/@dev/);

    const second = await command('be issue new Broken build\nSteps: run make test');
    const [created] = await replies(second.responseUrl, 1);
    const [issue] = gitlab.issues(PRIVATE_ID);
    expect(issue).toMatchObject({ title: 'Broken build', description: 'Steps: run make test' });
    expect(
      gitlab.requests
        .filter((r) => r.method === 'POST' && r.route === '/api/v4/projects/:id/issues')
        .map((r) => r.userId),
    ).toEqual([USERS.dev]);
    expect(created).toMatchObject({ response_type: 'in_channel' });
    const attachment = (created?.['attachments'] as Array<Record<string, unknown>>)[0];
    expect(attachment?.['pretext']).toMatch(
      /^I created an issue on <http[^|]+\|@dev>'s behalf: \*\*#1\*\* in <http[^|]+\|/,
    );
    // in_channel replies reach the channel.
    expect(slack.messages('C0GENERAL1', TEAM_ID).length).toBeGreaterThan(0);
  });

  it('answers help without a project, and an unknown alias with GitLab’s text', async () => {
    const help = await command('help');
    const [helpReply] = await replies(help.responseUrl, 1);
    expect(helpReply?.['text']).toMatch(/^\*Available commands\*/);
    // Slack is sent the placeholder escaped, which it shows as `<id>`.
    expect(helpReply?.['text']).toContain('/gitlab [project name or alias] issue show &lt;id&gt;');

    const unknown = await command('nope issue show 1');
    const [unknownReply] = await replies(unknown.responseUrl, 1);
    expect(unknownReply).toEqual(
      expect.objectContaining({ response_type: 'ephemeral', text: 'GitLab error: project or alias not found' }),
    );
  });
});
