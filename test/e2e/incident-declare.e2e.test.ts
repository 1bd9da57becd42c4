import { saveChatIdentity, SecretBox } from '@chatops/db';
import { FakeGitLab, FakeSlack, freePort, type GitLabIssue } from '@chatops/testing';
import { addTestInstance, PRIVATE_ID, TOKENS, USERS } from '../../packages/testing/src/test-support/gitlab-fixture';
import { addTestWorkspace, BOT_TOKEN, BOT_USER, TEAM_ID } from '../../packages/testing/src/test-support/slack-fixture';
import { chatops } from '../support/cli';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { loadFixture } from '../support/fixtures';
import { TEST_ENCRYPTION_KEY } from '../support/infra';
import { deletePrefix, uniquePrefix } from '../support/redis';
import { postSlackCommand } from '../support/slack-command-form';
import { type RunningService, serviceEnv, startService } from '../support/services';
import { waitFor } from '../support/wait';

const SIGNING_SECRET = 'e2e-incident-signing-secret-0123456789';
const CLIENT = { clientId: 'chatops-incident-e2e', clientSecret: 'gloas-incident-e2e-secret' };
/** alice, in #general of the fake Slack's test workspace: where slackCommandForm types. */
const ALICE = 'U0ALICE001';
/** The integration's own channel for incidents (private, the bot is a member). */
const OPS_CHANNEL = 'C0OPS00001';

type Block = { type: string; block_id: string; elements?: unknown[]; element?: Record<string, unknown> };
type IssueHook = { object_attributes: Record<string, unknown> } & Record<string, unknown>;

/**
 * Declaring an incident from Slack with the four built services over real HTTP, Redis and
 * PostgreSQL: alice (linked to GitLab's `dev`) types `/gitlab incident declare`; the incident
 * service opens GitLab's "New incident" modal; she submits it; the incident is created in GitLab
 * as `dev` with its severity, a channel of its own is created (the workspace asks for one), and
 * GitLab's confirmation reaches the command's response_url. GitLab's Issue Hook for the new
 * incident then reaches both the integration's channel and the incident's own channel.
 */
describe('Slack `/gitlab incident declare` → GitLab incident → its own channel, end to end', () => {
  const gitlab = new FakeGitLab();
  const slack = new FakeSlack();
  let database: TestDatabase;
  let prefix: string;
  let gateway: string;
  let hook: { url: string; secret: string };
  let integrationId: string;
  const services: RunningService[] = [];

  /** `/gitlab <text>` as Slack posts it, signed, with a trigger id Slack would hand out for it. */
  const slashCommand = async (text: string) => {
    const { response, responseUrl } = await postSlackCommand({ gateway, slack, signingSecret: SIGNING_SECRET }, text);
    return { status: response.status, responseUrl };
  };

  /** Waits for the `count`-th accepted post at a response URL and returns its payload. */
  const reply = (responseUrl: string, count: number) =>
    waitFor(
      () => {
        const accepted = slack.responses(responseUrl).filter((post) => post.status === 200);
        return accepted.length >= count && (accepted[count - 1]?.payload ?? {});
      },
      { what: `reply #${count} at the response URL`, timeoutMs: 15_000 },
    );

  /** GitLab's Issue Hook (the documented example) as GitLab sends it for the incident just opened. */
  function incidentOpenedHook(incident: GitLabIssue, webUrl: string): IssueHook {
    const example = loadFixture<IssueHook>('issue.json');
    const projectUrl = `${gitlab.url}/acme/backend`;
    return {
      ...example,
      user: { id: USERS.dev, name: 'Dev User', username: 'dev', avatar_url: null, email: 'dev@example.com' },
      project: {
        ...(example['project'] as Record<string, unknown>),
        id: PRIVATE_ID,
        name: 'backend',
        namespace: 'acme',
        path_with_namespace: 'acme/backend',
        web_url: projectUrl,
        homepage: projectUrl,
      },
      object_attributes: {
        ...example.object_attributes,
        id: incident.id,
        iid: incident.iid,
        title: incident.title,
        description: incident.description,
        url: webUrl,
        project_id: PRIVATE_ID,
        author_id: USERS.dev,
        assignee_ids: [],
        assignee_id: null,
        labels: [],
        type: 'Incident',
        issue_type: 'incident',
        severity: incident.severity,
        escalation_status: incident.escalationStatus,
        action: 'open',
        state: 'opened',
      },
      assignees: [],
      labels: [],
      changes: {},
    };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    await Promise.all([gitlab.start(), slack.start()]);
    const port = await freePort();
    gateway = `http://127.0.0.1:${port}`;
    addTestInstance(gitlab);
    gitlab.addOAuthApplication({ ...CLIENT, redirectUri: `${gateway}/oauth/gitlab/callback`, scopes: ['api'] });
    gitlab.setIssueTemplate(PRIVATE_ID, 'incident', '## Summary\n\n## Impact');
    addTestWorkspace(slack);
    slack.setApp({
      signingSecret: SIGNING_SECRET,
      interactivityUrl: `${gateway}/slack/interactions`,
      optionsUrl: `${gateway}/slack/options`,
    });

    prefix = uniquePrefix('incident-e2e');
    const env = {
      ...serviceEnv(database.url, prefix),
      PUBLIC_URL: gateway,
      GITLAB_URL: gitlab.url,
      GITLAB_OAUTH_CLIENT_ID: CLIENT.clientId,
      GITLAB_OAUTH_CLIENT_SECRET: CLIENT.clientSecret,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${slack.url}/api`,
      // The fake Slack stands in for hooks.slack.com.
      SLACK_RESPONSE_URL_ORIGINS: slack.url,
    };
    const projectUrl = `${gitlab.url}/acme/backend`;
    await chatops(
      ['project:add', '--gitlab-id', String(PRIVATE_ID), '--path', 'acme/backend', '--web-url', projectUrl],
      env,
    );
    await chatops(
      [
        'slack:install:add',
        '--team-id',
        TEAM_ID,
        '--bot-user-id',
        BOT_USER,
        '--bot-token',
        BOT_TOKEN,
        '--scopes',
        'commands,chat:write,chat:write.public,channels:manage,channels:write.invites',
      ],
      env,
    );
    const integration = await chatops(
      [
        'integration:create',
        '--project',
        'acme/backend',
        '--name',
        'incidents',
        '--team-id',
        TEAM_ID,
        '--channel',
        OPS_CHANNEL,
        '--events',
        'incident',
      ],
      env,
    );
    integrationId = /^integration incidents \(id (\S+)\)/.exec(integration)?.[1] ?? '';
    const created = await chatops(['endpoint:create', '--project', 'acme/backend'], env);
    hook = {
      url: /URL:\s+(\S+)/.exec(created)?.[1] ?? '',
      secret: /Secret token:\s+(\S+)/.exec(created)?.[1] ?? '',
    };
    // The workspace asks for a channel per incident, as an operator switches it on.
    const installation = await database.db.slackInstallation.findFirstOrThrow({ where: { teamId: TEAM_ID } });
    expect(await chatops(['slack:install:incident-channels', '--id', installation.id, '--on'], env)).toContain(
      'incident channels on',
    );
    // alice linked her GitLab account (`dev`) earlier; the OAuth flow itself is slash-commands.e2e's.
    await saveChatIdentity(database.db, new SecretBox(Buffer.from(TEST_ENCRYPTION_KEY, 'hex')), {
      provider: 'slack',
      teamId: TEAM_ID,
      chatUserId: ALICE,
      gitlabUserId: USERS.dev,
      gitlabUsername: 'dev',
      accessToken: TOKENS.dev,
      refreshToken: null,
      tokenExpiresAt: null,
    });

    services.push(
      ...(await Promise.all([
        startService('gateway', { ...env, GATEWAY_PORT: String(port) }),
        startService('command-handler', env),
        startService('incident', env),
        startService('notifier', env),
      ])),
    );
  }, 120_000); // four services and two fakes: slow to start on 2 busy cores

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await Promise.all([gitlab.stop(), slack.stop()]);
    await deletePrefix(prefix);
    await database.drop();
  });

  it("opens GitLab's form, creates the incident as the linked user, and notifies it in its own channel", async () => {
    // 1–2. The command opens the "New incident" modal for alice, with the projects she may use.
    const command = await slashCommand('incident declare');
    expect(command.status).toBe(200);
    expect(await reply(command.responseUrl, 1)).toMatchObject({
      response_type: 'ephemeral',
      text: 'Please complete the incident creation form.',
    });
    const [view] = slack.views();
    expect(slack.views()).toHaveLength(1);
    expect(view).toMatchObject({ team_id: TEAM_ID, opened_by: 'views.open', closed: false });
    expect(view?.view).toMatchObject({
      type: 'modal',
      callback_id: 'incident_modal',
      title: { type: 'plain_text', text: 'New incident' },
      submit: { type: 'plain_text', text: 'Create' },
    });
    const blocks = view?.view['blocks'] as Block[];
    expect(blocks.map((b) => b.block_id)).toEqual([
      'title_input',
      'project_and_severity_selector',
      'status_and_assignee_selector',
      'label_selector',
      'confidentiality',
      'incident_description',
      'zoom',
    ]);
    // Only acme/backend: dev is not a member of the public acme/docs.
    expect(blocks[1]?.elements?.[0]).toMatchObject({
      type: 'static_select',
      action_id: 'incident_management_project',
      options: [{ text: { type: 'plain_text', text: 'acme/backend' }, value: String(PRIVATE_ID) }],
      initial_option: { value: String(PRIVATE_ID) },
    });
    expect(blocks[5]?.element).toMatchObject({ action_id: 'description', initial_value: '## Summary\n\n## Impact' });

    // 3. alice fills it in and submits it: Slack posts the signed view_submission to the gateway.
    const submitted = await slack.submitView(view?.id ?? '', {
      userId: ALICE,
      values: {
        title_input: { title: 'Checkout returns 500s' },
        project_and_severity_selector: { severity: 'high' },
        status_and_assignee_selector: { status: 'acknowledged' },
        incident_description: { description: 'Users cannot pay.' },
      },
    });
    expect(submitted).toMatchObject({ status: 200, responseAction: 'close' });

    // 5. GitLab's confirmation replaces the "complete the form" answer…
    const confirmation = await reply(command.responseUrl, 2);
    // 4. …once the incident exists in GitLab, created with dev's token, severity and status set.
    const [incident] = gitlab.issues(PRIVATE_ID);
    expect(gitlab.issues(PRIVATE_ID)).toHaveLength(1);
    expect(incident).toMatchObject({
      title: 'Checkout returns 500s',
      description: 'Users cannot pay.',
      issueType: 'incident',
      authorId: USERS.dev,
      severity: 'high',
      escalationStatus: 'acknowledged',
      confidential: false,
    });
    expect(
      gitlab.requests
        .filter((r) => r.method === 'POST' && r.route === '/api/v4/projects/:id/issues')
        .map((r) => [r.userId, (r.body as Record<string, unknown>)['issue_type']]),
    ).toEqual([[USERS.dev, 'incident']]);
    const iid = incident?.iid ?? 0;
    const webUrl = `${gitlab.url}/acme/backend/-/issues/incident/${iid}`;
    expect(confirmation).toEqual({
      response_type: 'ephemeral',
      replace_original: true,
      text: `New incident has been created: <${webUrl}|#${iid} - Checkout returns 500s>.`,
    });

    // The workspace asks for a channel per incident: created, alice invited, linked from GitLab.
    const record = await database.db.incident.findFirstOrThrow();
    expect(record).toMatchObject({
      gitlabProjectId: PRIVATE_ID,
      gitlabIssueIid: iid,
      provider: 'slack',
      teamId: TEAM_ID,
      channelId: 'C0GENERAL1',
      declaredBy: ALICE,
    });
    expect(record.incidentChannelId).toMatch(/^C[A-Z0-9]+$/);
    const channel = record.incidentChannelId ?? '';
    expect(slack.calls.filter((c) => c.method === 'conversations.create').map((c) => c.params['name'])).toEqual([
      `incident-${iid}-checkout-returns-500s`,
    ]);
    expect(slack.calls.find((c) => c.method === 'conversations.invite')?.params).toMatchObject({
      channel,
      users: ALICE,
    });
    expect(gitlab.issue(PRIVATE_ID, iid).resourceLinks.map((l) => l.link)).toEqual([
      `https://app.slack.com/client/${TEAM_ID}/${channel}`,
    ]);
    expect(slack.messages(channel).map((m) => m.text)).toEqual([
      `Incident <${webUrl}|#${iid} Checkout returns 500s> was declared by <@${ALICE}>. ` +
        'Use `/gitlab incident comment`, `timeline` and `close` here to act on it.',
    ]);

    // 6. GitLab's Issue Hook for the new incident reaches the integration's channel and the incident's own.
    const delivered = await fetch(hook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gitlab-event': 'Issue Hook', 'x-gitlab-token': hook.secret },
      body: JSON.stringify(incidentOpenedHook(gitlab.issue(PRIVATE_ID, iid), webUrl)),
    });
    expect(delivered.status).toBe(202);
    await waitFor(() => slack.messages(OPS_CHANNEL).length >= 1 && slack.messages(channel).length >= 2, {
      what: 'the incident in both channels',
      timeoutMs: 15_000,
    });
    const expected = {
      text:
        `[<${gitlab.url}/acme/backend|acme / backend>] Incident <${webUrl}|#${iid} Checkout returns 500s> ` +
        'opened by Dev User (dev)',
      attachments: [
        {
          title: `#${iid} Checkout returns 500s`,
          title_link: webUrl,
          text: 'Users cannot pay.',
          color: '#C95823',
        },
      ],
    };
    expect(slack.messages(OPS_CHANNEL)).toEqual([expect.objectContaining(expected)]);
    expect(slack.messages(channel)).toEqual([expect.anything(), expect.objectContaining(expected)]);
    // Both posts are deliveries of the project's integration, recorded as sent.
    const deliveries = await waitFor(
      async () => {
        const rows = await database.db.delivery.findMany({ where: { eventKind: 'incident' } });
        return rows.length === 2 && rows.every((r) => r.status === 'sent') && rows;
      },
      { what: 'both deliveries recorded as sent' },
    );
    expect(Object.fromEntries(deliveries.map((d) => [d.channel, d.integrationId]))).toEqual({
      [OPS_CHANNEL]: integrationId,
      [channel]: integrationId,
    });
    // No service logged an error on the way. (Warnings are left out: on a busy machine the
    // incident service may log one at start, when Redis was not ready for its alert-poll schedule.)
    for (const service of services) expect(service.output()).not.toMatch(/"level":(50|60)/);
  });
});
