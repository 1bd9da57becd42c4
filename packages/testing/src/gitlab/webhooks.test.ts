import { api, PRIVATE_ID, TOKENS, USERS, useTestGitLab } from '../test-support/gitlab-fixture.js';
import { gitbeaker } from '../test-support/real-clients.js';
import { type Receiver, startReceiver } from '../test-support/receiver.js';

/** Project hooks through @gitbeaker/rest, and the webhooks the fake sends to them. */
describe('FakeGitLab project hooks and outgoing webhooks', () => {
  const gitlab = useTestGitLab();
  let receiver: Receiver;
  const client = (token: string = TOKENS.owner) => gitbeaker({ host: gitlab.url, token });

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());
  beforeEach(() => {
    receiver.requests.length = 0;
    receiver.answer({ status: 200, body: {} });
  });

  it('manages hooks like the project hooks API, Maintainer+ only', async () => {
    const hook = await client().ProjectHooks.add(PRIVATE_ID, `${receiver.url}/gitlab`, {
      token: 's3cret',
      issuesEvents: true,
      confidentialIssuesEvents: true,
      noteEvents: true,
      pushEvents: false,
    });
    expect(hook).toMatchObject({
      url: `${receiver.url}/gitlab`,
      project_id: PRIVATE_ID,
      push_events: false,
      issues_events: true,
      confidential_issues_events: true,
      note_events: true,
      confidential_note_events: false,
      pipeline_events: false,
      enable_ssl_verification: true,
      alert_status: 'executable',
    });
    expect(hook['token']).toBeUndefined();
    await expect(client().ProjectHooks.all(PRIVATE_ID)).resolves.toMatchObject([{ id: hook['id'] }]);
    await expect(client(TOKENS.dev).ProjectHooks.all(PRIVATE_ID)).rejects.toMatchObject({ message: '403 Forbidden' });
    expect(
      await api(gitlab.url, 'POST', `/projects/${PRIVATE_ID}/hooks`, TOKENS.owner, { url: 'ftp://example.com' }),
    ).toMatchObject({ status: 422, body: { message: { url: ['is blocked: Only allowed schemes are http, https'] } } });
    await client().ProjectHooks.remove(PRIVATE_ID, Number(hook['id']));
    expect(gitlab.hooks(PRIVATE_ID)).toEqual([]);
  });

  it('sends Issue Hook and Note Hook events with GitLab headers and payload shapes', async () => {
    gitlab.addHook(PRIVATE_ID, {
      url: `${receiver.url}/hooks`,
      token: 'tok',
      events: { issues_events: true, note_events: true, confidential_issues_events: true },
    });
    const dev = gitbeaker({ host: gitlab.url, token: TOKENS.dev });
    await dev.Issues.create(PRIVATE_ID, 'Queue stuck', { issueType: 'incident', labels: 'ops' });
    await dev.Issues.edit(PRIVATE_ID, 1, { title: 'Queue stuck on worker-3' });
    await dev.IssueNotes.create(PRIVATE_ID, 1, 'Restarted the worker');
    await dev.Issues.edit(PRIVATE_ID, 1, { stateEvent: 'close' });
    await dev.Issues.create(PRIVATE_ID, 'Leaked key', { confidential: true });
    await gitlab.settleHooks();

    const deliveries = gitlab.hookDeliveries();
    expect(deliveries.map((d) => [d.event, (d.payload['object_attributes'] as { action: string }).action])).toEqual([
      ['Issue Hook', 'open'],
      ['Issue Hook', 'update'],
      ['Note Hook', 'create'],
      ['Issue Hook', 'close'],
      ['Confidential Issue Hook', 'open'],
    ]);
    expect(deliveries.every((d) => d.status === 200)).toBe(true);
    // Deliveries are fire and forget: find each by what it carries rather than by arrival order.
    const received = (kind: string, action: string) =>
      receiver.requests.find((r) => {
        const body = JSON.parse(r.body) as { object_kind: string; object_attributes: { action: string } };
        return body.object_kind === kind && body.object_attributes.action === action;
      });
    const [opened, updated, note] = [
      received('issue', 'open'),
      received('issue', 'update'),
      received('note', 'create'),
    ];
    expect(opened?.headers).toMatchObject({
      'content-type': 'application/json',
      'x-gitlab-event': 'Issue Hook',
      'x-gitlab-token': 'tok',
      'x-gitlab-instance': gitlab.url,
      'user-agent': expect.stringMatching(/^GitLab\/\d+\.\d+\.\d+$/),
      'x-gitlab-event-uuid': expect.stringMatching(/^[0-9a-f-]{36}$/),
      'idempotency-key': expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(JSON.parse(opened?.body ?? '{}')).toMatchObject({
      object_kind: 'issue',
      event_type: 'issue',
      user: { id: USERS.dev, username: 'dev' },
      project: { id: PRIVATE_ID, path_with_namespace: 'acme/backend', visibility_level: 0 },
      object_attributes: {
        iid: 1,
        title: 'Queue stuck',
        type: 'Incident',
        state: 'opened',
        action: 'open',
        severity: 'unknown',
        escalation_status: 'triggered',
        url: `${gitlab.url}/acme/backend/-/issues/incident/1`,
        labels: [{ title: 'ops', type: 'ProjectLabel' }],
      },
      labels: [{ title: 'ops' }],
      repository: { name: 'backend' },
    });
    expect(JSON.parse(updated?.body ?? '{}')).toMatchObject({
      changes: { title: { previous: 'Queue stuck', current: 'Queue stuck on worker-3' } },
    });
    expect(JSON.parse(note?.body ?? '{}')).toMatchObject({
      object_kind: 'note',
      event_type: 'note',
      object_attributes: { note: 'Restarted the worker', noteable_type: 'Issue', action: 'create', system: false },
      issue: { iid: 1, title: 'Queue stuck on worker-3' },
    });
    expect(deliveries[4]?.payload).toMatchObject({ event_type: 'confidential_issue' });
  });

  it('records failed deliveries without failing the API call', async () => {
    gitlab.addHook(PRIVATE_ID, { url: 'http://127.0.0.1:1/closed', events: { issues_events: true } });
    receiver.answer({ status: 500, body: 'boom' });
    gitlab.addHook(PRIVATE_ID, { url: receiver.url, events: { issues_events: true } });
    const created = await api(gitlab.url, 'POST', `/projects/${PRIVATE_ID}/issues`, TOKENS.dev, { title: 'x' });
    expect(created.status).toBe(201);
    await gitlab.settleHooks();
    expect(gitlab.hookDeliveries().map((d) => [d.status, d.responseBody, d.error === undefined])).toEqual([
      [undefined, undefined, false],
      [500, 'boom', true],
    ]);
  });
});
