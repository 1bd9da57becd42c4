import { type ChatPlatform, FormSessions } from '@chatops/chat';
import { deleteChatIdentity } from '@chatops/db';
import { INCIDENT_FORM_SESSIONS } from '@chatops/jobs';
import { Redis } from 'ioredis';
import { testInfra } from '@chatops/test-support/infra';
import { BACKEND, chatUser, link, PROVIDERS, type Role, TEAM, useIncidentService, USERS, WEB } from './harness';

const h = useIncidentService();

const FORM_OPENED = 'Please complete the incident creation form.';

describe.each(PROVIDERS)('declaring an incident (%s)', (provider: ChatPlatform) => {
  beforeEach(async () => {
    for (const role of ['maintainer', 'developer', 'reporter', 'guest'] as const) await h.link(provider, role);
  });

  /** `/gitlab incident declare` as the command-handler hands it over; resolves with its response URL and form. */
  async function declare(role: Role) {
    const responseUrl = h.responseUrl(provider);
    await h.run(provider, role, {
      kind: 'declare_requested',
      identityId: await h.identityOf(provider, role),
      triggerId: h.triggerId(provider, role),
      responseUrl,
      ...(provider === 'mattermost' ? { mattermostCommandId: h.mattermostCommandId } : {}),
    });
    return { responseUrl, answer: await h.reply(provider, responseUrl) };
  }

  /** The form the chat shows: its id, the projects offered and the description's first text. */
  function openedForm() {
    if (provider === 'slack') {
      const view = h.slack.views().at(-1);
      const blocks = (view?.view['blocks'] ?? []) as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Block Kit JSON
      const projects = blocks[1]?.['elements'][0]?.options.map((o: { value: string }) => Number(o.value));
      const description = blocks.find((b) => b['element']?.action_id === 'description');
      return {
        formId: view?.id ?? '',
        projects,
        description: description?.['element']?.initial_value as string | undefined,
      };
    }
    const dialog = h.mattermost.dialogs().at(-1);
    const elements = (dialog?.dialog['elements'] ?? []) as Array<{
      name: string;
      default?: string;
      options?: Array<{ value: string }>;
    }>;
    const projects = elements
      .find((e) => e.name === 'incident_management_project')
      ?.options?.map((o) => Number(o.value));
    const state = String(dialog?.dialog['state'] ?? '');
    return {
      formId: state.slice(0, state.lastIndexOf('.')),
      projects,
      description: elements.find((e) => e.name === 'description')?.default,
    };
  }

  /** Submits the form as the gateway hands a submission over. */
  async function submit(role: Role, formId: string, values: Record<string, string | string[] | boolean | null>) {
    const action =
      provider === 'slack'
        ? {
            kind: 'form_submitted' as const,
            formId,
            callbackId: 'incident_modal',
            values: Object.fromEntries(
              Object.entries(values).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? [k] : []) : v]),
            ),
          }
        : {
            kind: 'form_submitted' as const,
            formId,
            callbackId: 'incident_modal',
            submission: Object.fromEntries(
              Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
            ),
          };
    await h.run(provider, role, action);
  }

  it('opens the form with the projects the user may create incidents in, and the incident template', async () => {
    h.gitlab.setIssueTemplate(BACKEND.id, 'incident', '## Backend summary\n\n## Impact');
    h.gitlab.setIssueTemplate(WEB.id, 'incident', '## Web summary');
    const { answer } = await declare('developer');
    expect(answer).toMatchObject({ response_type: 'ephemeral', text: FORM_OPENED });
    const form = openedForm();
    // The first project offered (GitLab's most recently active) is selected, with its template.
    expect([...(form.projects ?? [])].sort()).toEqual([BACKEND.id, WEB.id]);
    expect(form.description).toBe(
      form.projects?.[0] === BACKEND.id ? '## Backend summary\n\n## Impact' : '## Web summary',
    );
  });

  it("answers GitLab's text to a user with no project to create incidents in", async () => {
    const { answer } = await declare('guest');
    expect(answer).toMatchObject({ text: 'You do not have access to any projects for creating incidents.' });
    expect(provider === 'slack' ? h.slack.views() : h.mattermost.dialogs()).toHaveLength(0);
  });

  it('asks a user whose link is gone to connect their account again', async () => {
    const identityId = await h.identityOf(provider, 'developer');
    await deleteChatIdentity(h.database.db, identityId);
    const responseUrl = h.responseUrl(provider);
    await h.run(provider, 'developer', {
      kind: 'declare_requested',
      identityId,
      triggerId: h.triggerId(provider, 'developer'),
      responseUrl,
      ...(provider === 'mattermost' ? { mattermostCommandId: h.mattermostCommandId } : {}),
    });
    expect(String((await h.reply(provider, responseUrl))['text'])).toContain('connect your GitLab account');
  });

  it('creates the incident as the user, with every field of the form, and says so', async () => {
    h.gitlab.addLabel(BACKEND.id, { name: 'db' }); // GitLab's /label applies existing labels only
    await declare('developer');
    const { formId } = openedForm();
    await submit('developer', formId, {
      title: 'Checkout returns 500s',
      incident_management_project: String(BACKEND.id),
      severity: 'high',
      status: 'acknowledged',
      assignee: String(USERS.maintainer.id),
      labels: ['payments'],
      confidential: true,
      description: 'Users cannot pay.\n/label ~db',
      link: 'https://acme.zoom.us/j/123',
    });
    const [incident] = h.gitlab.issues(BACKEND.id);
    expect(incident).toMatchObject({
      title: 'Checkout returns 500s',
      issueType: 'incident',
      authorId: USERS.developer.id,
      assigneeIds: [USERS.maintainer.id],
      confidential: true,
      severity: 'high',
      escalationStatus: 'acknowledged',
    });
    expect(incident?.labels.sort()).toEqual(['db', 'payments']);
    expect(h.gitlab.zoomLinks(BACKEND.id, incident?.iid ?? 0)).toEqual(['https://acme.zoom.us/j/123']);
    expect(incident?.description?.trim()).toBe('Users cannot pay.');
    const record = await h.database.db.incident.findFirstOrThrow();
    expect(record).toMatchObject({
      gitlabProjectId: BACKEND.id,
      gitlabIssueIid: incident?.iid,
      provider,
      declaredBy: chatUser(provider, 'developer'),
    });
  });

  it("leaves out an assignee who is not a member, with GitLab's sentence", async () => {
    const { responseUrl } = await declare('developer');
    await submit('developer', openedForm().formId, {
      title: 'Web is slow',
      incident_management_project: String(WEB.id),
      assignee: String(USERS.reporter.id),
      description: 'x',
    });
    const confirmation = await h.reply(provider, responseUrl, 2);
    const [incident] = h.gitlab.issues(WEB.id);
    expect(incident?.assigneeIds).toEqual([]);
    const webUrl = String(
      (await h.gitlabApi('developer', 'GET', `/projects/${WEB.id}/issues/${incident?.iid}`)).body['web_url'],
    );
    expect(confirmation).toMatchObject({
      replace_original: true,
      text:
        `New incident has been created: ${link(provider, `#${incident?.iid} - Web is slow`, webUrl)}.` +
        ` However, ${USERS.reporter.name} was not assigned to the incident as they are not a member in ${WEB.path}.`,
    });
  });

  it("says GitLab's problem text when GitLab refuses the incident", async () => {
    const { responseUrl } = await declare('developer');
    h.gitlab.failNext(`POST /api/v4/projects/:id/issues`, 1, { status: 400, error: '{"title":["is too long"]}' });
    await submit('developer', openedForm().formId, {
      title: 'x',
      incident_management_project: String(BACKEND.id),
      description: 'y',
    });
    expect(await h.reply(provider, responseUrl, 2)).toMatchObject({
      replace_original: true,
      text: 'There was a problem creating the incident. Please try again.',
    });
    expect(h.gitlab.issues(BACKEND.id)).toHaveLength(0);
  });

  it('cancels when the user closes the form, and ignores a submission by someone else', async () => {
    const { responseUrl } = await declare('developer');
    const { formId } = openedForm();
    await submit('maintainer', formId, {
      title: 'Not mine',
      incident_management_project: String(BACKEND.id),
      description: 'z',
    });
    expect(h.gitlab.issues(BACKEND.id)).toHaveLength(0);
    await h.run(provider, 'developer', { kind: 'form_closed', formId, callbackId: 'incident_modal' });
    expect(await h.reply(provider, responseUrl, 2)).toMatchObject({
      replace_original: true,
      text: 'Incident creation cancelled.',
    });
  });
});

describe('declaring an incident (slack only)', () => {
  beforeEach(async () => {
    await h.link('slack', 'developer');
  });

  async function openForm() {
    const responseUrl = h.responseUrl('slack');
    await h.run('slack', 'developer', {
      kind: 'declare_requested',
      identityId: await h.identityOf('slack', 'developer'),
      triggerId: h.triggerId('slack', 'developer'),
      responseUrl,
    });
    await h.reply('slack', responseUrl);
    return h.slack.views().at(-1)?.id ?? '';
  }

  /** The developer declares "Payments down" on acme/backend, the workspace asking for incident channels or not. */
  async function declarePaymentsDown(setting: { incidentChannels: boolean }) {
    await h.database.db.slackInstallation.updateMany({ where: { teamId: TEAM.slack }, data: setting });
    await h.run('slack', 'developer', {
      kind: 'form_submitted',
      formId: await openForm(),
      callbackId: 'incident_modal',
      values: { title: 'Payments down', incident_management_project: String(BACKEND.id), description: 'x' },
    });
  }

  it('fetches the assignee and label options for the options URL, and again when the project changes, with its template', async () => {
    const members: Record<number, string[]> = {
      [BACKEND.id]: ['Alice Maintainer - alice', 'Dave Developer - dave', 'Gus Guest - gus', 'Rita Reporter - rita'],
      [WEB.id]: ['Alice Maintainer - alice', 'Dave Developer - dave'],
    };
    h.gitlab.setIssueTemplate(BACKEND.id, 'incident', '## Backend template');
    h.gitlab.setIssueTemplate(WEB.id, 'incident', '## Web template');
    const viewId = await openForm();
    const blocksOf = () => h.slack.views().find((v) => v.id === viewId)?.view['blocks'] as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Block Kit JSON
    const first = Number(blocksOf()[1]?.['elements'][0]?.initial_option?.value);
    const other = first === BACKEND.id ? WEB : BACKEND;
    const redis = new Redis(testInfra().redisUrl);
    try {
      const sessions = new FormSessions<{ userId: string }>(redis, h.prefix, INCIDENT_FORM_SESSIONS);
      const before = await sessions.load(viewId);
      expect(before?.options['assignee']?.map((o) => o.text).sort()).toEqual(members[first]);
      await h.run('slack', 'developer', { kind: 'form_project_switched', formId: viewId, projectId: other.id });
      const description = blocksOf().find((b) => b['element']?.action_id === 'description');
      expect(description).toMatchObject({
        block_id: String(other.id),
        element: { initial_value: other.id === WEB.id ? '## Web template' : '## Backend template' },
      });
      const after = await sessions.load(viewId);
      expect(after?.options['assignee']?.map((o) => o.text).sort()).toEqual(members[other.id]);
    } finally {
      redis.disconnect();
    }
  });

  it('opens a channel of its own for the incident when the workspace asks for one', async () => {
    await declarePaymentsDown({ incidentChannels: true });
    const [incident] = h.gitlab.issues(BACKEND.id);
    const record = await h.database.db.incident.findFirstOrThrow();
    expect(record.incidentChannelId).toMatch(/^C/);
    const created = h.slack.calls.find((c) => c.method === 'conversations.create');
    expect(created?.params).toMatchObject({ name: `incident-${incident?.iid}-payments-down` });
    expect(h.slack.calls.find((c) => c.method === 'conversations.invite')?.params).toMatchObject({
      channel: record.incidentChannelId,
      users: chatUser('slack', 'developer'),
    });
    expect(h.gitlab.issue(BACKEND.id, incident?.iid ?? 0)?.resourceLinks.map((l) => l.link)).toEqual([
      `https://app.slack.com/client/${TEAM.slack}/${record.incidentChannelId}`,
    ]);
    expect(h.slack.messages(record.incidentChannelId ?? '')[0]?.text).toContain('was declared by');
  });

  it('opens no channel when the workspace does not ask for one', async () => {
    await declarePaymentsDown({ incidentChannels: false });
    expect((await h.database.db.incident.findFirstOrThrow()).incidentChannelId).toBeNull();
    expect(h.slack.calls.some((c) => c.method === 'conversations.create')).toBe(false);
  });
});

describe('declaring an incident (mattermost only)', () => {
  it("swaps an untouched template for the chosen project's, since a dialog cannot", async () => {
    await h.link('mattermost', 'developer');
    h.gitlab.setIssueTemplate(BACKEND.id, 'incident', '## Backend template');
    h.gitlab.setIssueTemplate(WEB.id, 'incident', '## Web template');
    const responseUrl = h.responseUrl('mattermost');
    await h.run('mattermost', 'developer', {
      kind: 'declare_requested',
      identityId: await h.identityOf('mattermost', 'developer'),
      triggerId: h.triggerId('mattermost', 'developer'),
      responseUrl,
      mattermostCommandId: h.mattermostCommandId,
    });
    await h.reply('mattermost', responseUrl);
    const dialog = h.mattermost.dialogs().at(-1)?.dialog ?? {};
    const state = String(dialog['state'] ?? '');
    const elements = (dialog['elements'] ?? []) as Array<{ name: string; default?: string }>;
    const projectFirst = Number(elements.find((e) => e.name === 'incident_management_project')?.default);
    const other = projectFirst === BACKEND.id ? WEB : BACKEND;
    await h.run('mattermost', 'developer', {
      kind: 'form_submitted',
      formId: state.slice(0, state.lastIndexOf('.')),
      callbackId: 'incident_modal',
      submission: {
        title: 'Moved',
        incident_management_project: String(other.id),
        description: projectFirst === BACKEND.id ? '## Backend template' : '## Web template',
      },
    });
    const [incident] = h.gitlab.issues(other.id);
    expect(incident?.description?.trim()).toBe(other.id === WEB.id ? '## Web template' : '## Backend template');
  });
});
