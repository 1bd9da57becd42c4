import { gitbeaker } from '../test-support/real-clients.js';
import { PRIVATE_ID, TOKENS, USERS, useTestGitLab } from '../test-support/gitlab-fixture.js';

/** The fake as seen by @gitbeaker/rest, the client packages/gitlab uses. */
describe('FakeGitLab with @gitbeaker/rest', () => {
  const gitlab = useTestGitLab();
  const client = (token: string = TOKENS.dev) => gitbeaker({ host: gitlab.url, token });

  it('shows projects by id and by URL-encoded path', async () => {
    const api = client();
    await expect(api.Projects.show(PRIVATE_ID)).resolves.toMatchObject({
      id: PRIVATE_ID,
      path_with_namespace: 'acme/backend',
      default_branch: 'main',
      visibility: 'private',
      web_url: `${gitlab.url}/acme/backend`,
      permissions: { project_access: { access_level: 30 } },
    });
    await expect(api.Projects.show('acme/backend')).resolves.toMatchObject({ id: PRIVATE_ID });
    await expect(client(TOKENS.outsider).Projects.show(PRIVATE_ID)).rejects.toMatchObject({
      message: '404 Project Not Found',
      cause: { response: { status: 404 } },
    });
  });

  it('creates, shows, searches and comments on issues', async () => {
    const api = client();
    const created = await api.Issues.create(PRIVATE_ID, 'Login fails with SSO', {
      description: 'Stack trace…',
      labels: 'bug,sso',
    });
    expect(created).toMatchObject({
      iid: 1,
      project_id: PRIVATE_ID,
      title: 'Login fails with SSO',
      state: 'opened',
      labels: ['bug', 'sso'],
      author: { id: USERS.dev, username: 'dev' },
      web_url: `${gitlab.url}/acme/backend/-/issues/1`,
      references: { full: 'acme/backend#1' },
      issue_type: 'issue',
      confidential: false,
      closed_at: null,
    });
    await api.Issues.create(PRIVATE_ID, 'Dark mode');
    await expect(api.Issues.show(1, { projectId: PRIVATE_ID })).resolves.toMatchObject({
      title: 'Login fails with SSO',
    });
    await expect(api.Issues.show(99, { projectId: PRIVATE_ID })).rejects.toMatchObject({
      message: '404 Issue Not Found',
    });
    const found = await api.Issues.all({ projectId: PRIVATE_ID, search: 'sso' });
    expect(found.map((issue) => issue['iid'])).toEqual([1]);

    const note = await api.IssueNotes.create(PRIVATE_ID, 1, 'Reproduced on staging');
    expect(note).toMatchObject({
      body: 'Reproduced on staging',
      noteable_type: 'Issue',
      noteable_iid: 1,
      system: false,
      author: { id: USERS.dev },
    });
    await expect(api.IssueNotes.all(PRIVATE_ID, 1)).resolves.toMatchObject([{ body: 'Reproduced on staging' }]);
    const closed = await api.Issues.edit(PRIVATE_ID, 1, { stateEvent: 'close' });
    expect(closed).toMatchObject({ state: 'closed', closed_by: { id: USERS.dev }, closed_at: expect.any(String) });
  });

  it('follows Link pagination to list every issue', async () => {
    for (let i = 1; i <= 45; i += 1) await client(TOKENS.reporter).Issues.create(PRIVATE_ID, `Issue ${i}`);
    const all = await client().Issues.all({ projectId: PRIVATE_ID, perPage: 20 });
    expect(all).toHaveLength(45);
    expect(new Set(all.map((issue) => issue['iid'])).size).toBe(45);
    expect(gitlab.requestCount('GET /api/v4/projects/:id/issues')).toBe(3);
  });

  it('triggers pipelines and reads jobs, logs, commits and the current user', async () => {
    const api = client();
    const pipeline = await api.Pipelines.create(PRIVATE_ID, 'main', {
      variables: [{ key: 'DEPLOY', value: 'staging' }],
    });
    expect(pipeline).toMatchObject({
      ref: 'main',
      status: 'created',
      source: 'api',
      yaml_errors: null,
      user: { id: USERS.dev },
    });
    const pipelineId = Number(pipeline['id']);
    expect(gitlab.pipelines(PRIVATE_ID)[0]?.variables).toEqual([
      { key: 'DEPLOY', value: 'staging', variable_type: 'env_var' },
    ]);
    const [job] = gitlab.jobs(pipelineId);
    if (job === undefined) throw new Error('pipeline has no job');
    gitlab.setJobStatus(job.id, 'failed');
    gitlab.setJobTrace(job.id, '$ npm test\n1 failing\n');
    gitlab.setPipelineStatus(pipelineId, 'failed');

    await expect(api.Pipelines.show(PRIVATE_ID, pipelineId)).resolves.toMatchObject({
      status: 'failed',
      web_url: `${gitlab.url}/acme/backend/-/pipelines/${pipelineId}`,
    });
    await expect(api.Jobs.all(PRIVATE_ID, { pipelineId })).resolves.toMatchObject([
      { id: job.id, name: 'test', status: 'failed', failure_reason: 'script_failure' },
    ]);
    await expect(api.Jobs.showLog(PRIVATE_ID, job.id)).resolves.toBe('$ npm test\n1 failing\n');
    await expect(api.Commits.show(PRIVATE_ID, String(pipeline['sha']))).resolves.toMatchObject({
      title: 'Initial commit',
      author_name: 'Fake Author',
      status: 'failed',
    });
    await expect(api.Users.showCurrentUser()).resolves.toMatchObject({
      id: USERS.dev,
      username: 'dev',
      email: 'dev@example.com',
    });
    await expect(client(TOKENS.reporter).Pipelines.create(PRIVATE_ID, 'main')).rejects.toMatchObject({
      message: '403 Forbidden',
    });
  });
});
