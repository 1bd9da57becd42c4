import { PRIVATE_ID, TOKENS, USERS, useTestGitLab } from '../test-support/gitlab-fixture.js';
import { gitbeaker } from '../test-support/real-clients.js';

// Tests read deep into answers whose shape the query decides; `any` keeps those reads short.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type GraphQLAnswer = { status: number; body: { data?: Record<string, any>; errors?: Array<Record<string, unknown>> } };

/** The GraphQL endpoint over plain fetch, as GraphQL clients send it. */
describe('FakeGitLab GraphQL (incident management subset)', () => {
  const gitlab = useTestGitLab();

  async function gql(
    query: string,
    variables: Record<string, unknown> = {},
    auth: { bearer?: string; privateToken?: string } = { bearer: TOKENS.dev },
  ): Promise<GraphQLAnswer> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (auth.bearer !== undefined) headers['authorization'] = `Bearer ${auth.bearer}`;
    if (auth.privateToken !== undefined) headers['private-token'] = auth.privateToken;
    const res = await fetch(`${gitlab.url}/api/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as GraphQLAnswer['body'] };
  }

  async function incident(title = 'API latency'): Promise<{ id: number; iid: number }> {
    const created = await gitbeaker({ host: gitlab.url, token: TOKENS.dev }).Issues.create(PRIVATE_ID, title, {
      issueType: 'incident',
    });
    return { id: Number(created['id']), iid: Number(created['iid']) };
  }

  const SET_SEVERITY = `mutation($input: IssueSetSeverityInput!) {
    issueSetSeverity(input: $input) { errors issue { iid severity } }
  }`;
  const SET_STATUS = `mutation($input: IssueSetEscalationStatusInput!) {
    issueSetEscalationStatus(input: $input) { errors issue { escalationStatus } }
  }`;
  const CREATE_EVENT = `mutation($input: TimelineEventCreateInput!) {
    timelineEventCreate(input: $input) { timelineEvent { id note occurredAt } errors }
  }`;

  it('sets severity and escalation status, and reads them back with timeline events', async () => {
    const { id, iid } = await incident();
    const target = { projectPath: 'acme/backend', iid: String(iid) };
    expect((await gql(SET_SEVERITY, { input: { ...target, severity: 'CRITICAL' } })).body).toEqual({
      data: { issueSetSeverity: { errors: [], issue: { iid: String(iid), severity: 'CRITICAL' } } },
    });
    expect((await gql(SET_STATUS, { input: { ...target, status: 'ACKNOWLEDGED' } })).body).toEqual({
      data: { issueSetEscalationStatus: { errors: [], issue: { escalationStatus: 'ACKNOWLEDGED' } } },
    });
    const created = await gql(CREATE_EVENT, {
      input: { incidentId: `gid://gitlab/Issue/${id}`, note: 'Rolled back v2.3', occurredAt: '2026-01-05T10:15:00Z' },
    });
    expect(created.body.data?.['timelineEventCreate']).toEqual({
      timelineEvent: {
        id: expect.stringMatching(/^gid:\/\/gitlab\/IncidentManagement::TimelineEvent\/\d+$/),
        note: 'Rolled back v2.3',
        occurredAt: '2026-01-05T10:15:00Z',
      },
      errors: [],
    });

    const read = await gql(
      `query($path: ID!, $iid: String!, $incident: IssueID!) {
        project(fullPath: $path) {
          issue(iid: $iid) { id iid title severity escalationStatus type state webUrl author { username } }
          incidentManagementTimelineEvents(incidentId: $incident) { nodes { note occurredAt action } }
        }
      }`,
      { path: 'acme/backend', iid: String(iid), incident: `gid://gitlab/Issue/${id}` },
      { privateToken: TOKENS.reporter },
    );
    expect(read.body).toEqual({
      data: {
        project: {
          issue: {
            id: `gid://gitlab/Issue/${id}`,
            iid: String(iid),
            title: 'API latency',
            severity: 'CRITICAL',
            escalationStatus: 'ACKNOWLEDGED',
            type: 'INCIDENT',
            state: 'opened',
            webUrl: `${gitlab.url}/acme/backend/-/issues/incident/${iid}`,
            author: { username: 'dev' },
          },
          incidentManagementTimelineEvents: {
            nodes: [{ note: 'Rolled back v2.3', occurredAt: '2026-01-05T10:15:00Z', action: 'comment' }],
          },
        },
      },
    });
    expect(gitlab.issue(PRIVATE_ID, iid)).toMatchObject({ severity: 'critical', escalationStatus: 'acknowledged' });
    expect(gitlab.timelineEvents(PRIVATE_ID, iid)).toMatchObject([{ note: 'Rolled back v2.3', authorId: USERS.dev }]);
  });

  it('answers errors the way GitLab does: top-level for permissions, payload errors for validation', async () => {
    const { id, iid } = await incident();
    const denied = await gql(
      SET_STATUS,
      { input: { projectPath: 'acme/backend', iid: String(iid), status: 'RESOLVED' } },
      { bearer: TOKENS.reporter },
    );
    expect(denied.status).toBe(200);
    expect(denied.body).toEqual({
      data: { issueSetEscalationStatus: null },
      errors: [
        {
          message:
            "The resource that you are attempting to access does not exist or you don't have permission to perform this action",
          locations: [{ line: 2, column: 5 }],
          path: ['issueSetEscalationStatus'],
        },
      ],
    });
    const blank = await gql(CREATE_EVENT, {
      input: { incidentId: `gid://gitlab/Issue/${id}`, note: ' ', occurredAt: '2026-01-05T10:15:00Z' },
    });
    expect(blank.body.data?.['timelineEventCreate']).toEqual({
      timelineEvent: null,
      errors: ["Timeline text can't be blank"],
    });
    const badId = await gql(CREATE_EVENT, {
      input: { incidentId: 'gid://gitlab/Project/1', note: 'x', occurredAt: '2026-01-05T10:15:00Z' },
    });
    expect(String(badId.body.errors?.[0]?.['message'])).toContain('does not represent an instance of Issue');
    const unknownField = await gql(
      '{ project(fullPath: "acme/backend") { issue(iid: "1") { timelineEvents { nodes { id } } } } }',
    );
    expect(unknownField.body.errors?.[0]?.['message']).toBe('Cannot query field "timelineEvents" on type "Issue".');
    expect(await gql('{ currentUser { username } }', {}, { bearer: 'nope' })).toEqual({
      status: 401,
      body: { errors: [{ message: 'Invalid token' }] },
    });
    const named = await gql('{ project(fullPath: "acme/backend") { name nameWithNamespace } }');
    expect(named.body.data?.['project']).toEqual({ name: expect.any(String), nameWithNamespace: 'acme / backend' });
    const hidden = await gql('{ project(fullPath: "acme/backend") { id } }', {}, { bearer: TOKENS.outsider });
    expect(hidden.body).toEqual({ data: { project: null } });
  });

  it('lists alerts newest first with cursor pagination, to Developers only', async () => {
    gitlab.addAlert(PRIVATE_ID, { title: 'CPU high', severity: 'high', startedAt: '2026-01-05T09:00:00Z' });
    gitlab.addAlert(PRIVATE_ID, { title: 'Disk full', severity: 'critical', status: 'acknowledged', eventCount: 4 });
    const third = gitlab.addAlert(PRIVATE_ID, { title: 'Latency', severity: 'medium' });
    expect(third).toMatchObject({ iid: 3, webUrl: `${gitlab.url}/acme/backend/-/alert_management/3/details` });
    const query = `query($path: ID!, $after: String) {
      project(fullPath: $path) {
        alertManagementAlerts(sort: CREATED_DESC, first: 2, after: $after) {
          nodes { iid title severity status startedAt createdAt eventCount webUrl }
          pageInfo { endCursor hasNextPage }
        }
      }
    }`;
    const page1 = await gql(query, { path: 'acme/backend' });
    const alerts1 = page1.body.data?.['project']['alertManagementAlerts'];
    expect(alerts1.nodes.map((a: { title: string }) => a.title)).toEqual(['Latency', 'Disk full']);
    expect(alerts1.nodes[1]).toMatchObject({ iid: '2', severity: 'CRITICAL', status: 'ACKNOWLEDGED', eventCount: 4 });
    expect(alerts1.pageInfo.hasNextPage).toBe(true);
    const page2 = await gql(query, { path: 'acme/backend', after: alerts1.pageInfo.endCursor });
    const alerts2 = page2.body.data?.['project']['alertManagementAlerts'];
    expect(alerts2.nodes).toEqual([
      expect.objectContaining({
        title: 'CPU high',
        startedAt: '2026-01-05T09:00:00Z',
        webUrl: expect.stringContaining('/1/details'),
      }),
    ]);
    expect(alerts2.pageInfo).toEqual({ endCursor: expect.any(String), hasNextPage: false });
    const asReporter = await gql(query, { path: 'acme/backend' }, { bearer: TOKENS.reporter });
    expect(asReporter.body.data?.['project']['alertManagementAlerts']['nodes']).toEqual([]);
  });
});
