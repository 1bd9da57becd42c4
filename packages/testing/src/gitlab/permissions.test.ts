import { api, PRIVATE_ID, PUBLIC_ID, TOKENS, USERS, useTestGitLab } from '../test-support/gitlab-fixture.js';

describe('FakeGitLab authentication, permissions and errors over raw HTTP', () => {
  const gitlab = useTestGitLab();

  it('authenticates tokens the way GitLab does', async () => {
    expect(await api(gitlab.url, 'GET', '/user', null)).toMatchObject({
      status: 401,
      body: { message: '401 Unauthorized' },
    });
    expect(await api(gitlab.url, 'GET', `/projects/${PRIVATE_ID}`, 'glpat-unknown')).toMatchObject({
      status: 401,
      body: { message: '401 Unauthorized' },
    });
    expect(await api(gitlab.url, 'GET', `/projects/${PRIVATE_ID}`, null)).toMatchObject({
      status: 404,
      body: { message: '404 Project Not Found' },
    });
    expect(await api(gitlab.url, 'GET', `/projects/${PUBLIC_ID}`, null)).toMatchObject({
      status: 200,
      body: { path_with_namespace: 'acme/docs' },
    });
    expect(await api(gitlab.url, 'GET', '/user', TOKENS.blocked)).toMatchObject({
      status: 403,
      body: { message: '403 Forbidden - Your account has been blocked.' },
    });
    gitlab.setUserState(USERS.dev, 'deactivated');
    expect((await api(gitlab.url, 'GET', '/user', TOKENS.dev)).status).toBe(403);
    gitlab.addToken(USERS.reporter, 'glpat-readonly', { scopes: ['read_api'] });
    expect((await api(gitlab.url, 'GET', `/projects/${PRIVATE_ID}/issues`, 'glpat-readonly')).status).toBe(200);
    expect(
      await api(gitlab.url, 'POST', `/projects/${PRIVATE_ID}/issues`, 'glpat-readonly', { title: 'x' }),
    ).toMatchObject({ status: 403, body: { error: 'insufficient_scope' } });
    const bearer = await fetch(`${gitlab.url}/api/v4/user`, { headers: { authorization: `Bearer ${TOKENS.owner}` } });
    expect(await bearer.json()).toMatchObject({ id: USERS.owner });
  });

  it('validates issue creation like Grape and ActiveRecord', async () => {
    expect(await api(gitlab.url, 'POST', `/projects/${PRIVATE_ID}/issues`, TOKENS.dev, {})).toMatchObject({
      status: 400,
      body: { error: 'title is missing' },
    });
    expect(await api(gitlab.url, 'POST', `/projects/${PRIVATE_ID}/issues`, TOKENS.dev, { title: '  ' })).toMatchObject({
      status: 400,
      body: { message: { title: ["can't be blank"] } },
    });
    expect(
      (await api(gitlab.url, 'POST', `/projects/${PRIVATE_ID}/issues`, TOKENS.outsider, { title: 'x' })).status,
    ).toBe(404);
    expect(
      (await api(gitlab.url, 'POST', `/projects/${PUBLIC_ID}/issues`, TOKENS.outsider, { title: 'Typo in README' }))
        .status,
    ).toBe(201);
    expect((await api(gitlab.url, 'POST', `/projects/${PUBLIC_ID}/issues`, null, { title: 'x' })).status).toBe(401);
  });

  it('applies role rules: guests file issues without metadata, only reporters or authors close them', async () => {
    const byGuest = await api(gitlab.url, 'POST', `/projects/${PRIVATE_ID}/issues`, TOKENS.guest, {
      title: 'Guest report',
      labels: 'bug',
    });
    expect(byGuest).toMatchObject({ status: 201, body: { labels: [] } });
    await api(gitlab.url, 'POST', `/projects/${PRIVATE_ID}/issues`, TOKENS.dev, { title: 'Dev task' });
    expect(
      (await api(gitlab.url, 'PUT', `/projects/${PRIVATE_ID}/issues/2`, TOKENS.guest, { state_event: 'close' })).status,
    ).toBe(403);
    expect(
      await api(gitlab.url, 'PUT', `/projects/${PRIVATE_ID}/issues/1`, TOKENS.guest, { state_event: 'close' }),
    ).toMatchObject({ status: 200, body: { state: 'closed' } });
    expect(
      await api(gitlab.url, 'PUT', `/projects/${PRIVATE_ID}/issues/1`, TOKENS.reporter, {
        state_event: 'reopen',
        add_labels: 'triage',
      }),
    ).toMatchObject({ status: 200, body: { state: 'opened', labels: ['triage'] } });
    expect(
      await api(gitlab.url, 'PUT', `/projects/${PRIVATE_ID}/issues/1`, TOKENS.reporter, { state_event: 'shut' }),
    ).toMatchObject({ status: 400, body: { error: 'state_event does not have a valid value' } });
    expect(gitlab.notes(PRIVATE_ID, 1).map((n) => [n.system, n.body])).toEqual([
      [true, 'closed'],
      [true, 'reopened'],
    ]);
    expect((await api(gitlab.url, 'GET', `/projects/${PRIVATE_ID}/repository/commits/main`, TOKENS.guest)).status).toBe(
      403,
    );
  });

  it('hides confidential issues and paginates with GitLab headers', async () => {
    await api(gitlab.url, 'POST', `/projects/${PRIVATE_ID}/issues`, TOKENS.dev, {
      title: 'Secret',
      confidential: true,
    });
    for (let i = 0; i < 4; i += 1)
      await api(gitlab.url, 'POST', `/projects/${PRIVATE_ID}/issues`, TOKENS.dev, { title: `Public ${i}` });
    expect((await api(gitlab.url, 'GET', `/projects/${PRIVATE_ID}/issues/1`, TOKENS.guest)).status).toBe(404);
    const page = await api(
      gitlab.url,
      'GET',
      `/projects/${PRIVATE_ID}/issues?per_page=2&page=2&state=opened`,
      TOKENS.guest,
    );
    expect((page.body as Array<{ iid: number }>).map((i) => i.iid)).toEqual([3, 2]);
    expect(
      ['x-total', 'x-total-pages', 'x-page', 'x-per-page', 'x-next-page', 'x-prev-page'].map((h) =>
        page.headers.get(h),
      ),
    ).toEqual(['4', '2', '2', '2', '', '1']);
    expect(page.headers.get('link')).toContain('rel="first"');
  });

  it('keeps locked discussions to members, rejects blank notes and searches descriptions', async () => {
    await api(gitlab.url, 'POST', `/projects/${PUBLIC_ID}/issues`, TOKENS.outsider, {
      title: 'Typo',
      description: 'The README says recieve',
    });
    gitlab.lockIssue(PUBLIC_ID, 1);
    const notesPath = `/projects/${PUBLIC_ID}/issues/1/notes`;
    expect(await api(gitlab.url, 'POST', notesPath, TOKENS.outsider, { body: 'ping' })).toMatchObject({
      status: 403,
      body: { message: '403 Forbidden' },
    });
    expect((await api(gitlab.url, 'POST', notesPath, TOKENS.owner, { body: 'Fixed in main' })).status).toBe(201);
    expect(await api(gitlab.url, 'POST', notesPath, TOKENS.owner, { body: ' ' })).toMatchObject({
      status: 400,
      body: { message: `400 Bad request - Note {:note=>["can't be blank"]}` },
    });
    expect(await api(gitlab.url, 'POST', notesPath, TOKENS.owner, {})).toMatchObject({
      status: 400,
      body: { error: 'body is missing' },
    });
    const found = await api(
      gitlab.url,
      'GET',
      `/projects/${PUBLIC_ID}/issues?search=recieve&per_page=5`,
      TOKENS.outsider,
    );
    expect(found).toMatchObject({ status: 200, body: [{ iid: 1, discussion_locked: true }] });
    expect(found.headers.get('x-per-page')).toBe('5');
  });

  it('moves issues between projects for reporters of both', async () => {
    await api(gitlab.url, 'POST', `/projects/${PRIVATE_ID}/issues`, TOKENS.owner, { title: 'Belongs in docs' });
    await api(gitlab.url, 'POST', `/projects/${PRIVATE_ID}/issues/1/notes`, TOKENS.owner, { body: 'context' });
    expect(
      await api(gitlab.url, 'POST', `/projects/${PRIVATE_ID}/issues/1/move`, TOKENS.dev, { to_project_id: PUBLIC_ID }),
    ).toMatchObject({
      status: 400,
      body: { message: 'Cannot move issue due to insufficient permissions!' },
    });
    const moved = await api(gitlab.url, 'POST', `/projects/${PRIVATE_ID}/issues/1/move`, TOKENS.owner, {
      to_project_id: PUBLIC_ID,
    });
    expect(moved).toMatchObject({
      status: 201,
      body: { project_id: PUBLIC_ID, iid: 1, title: 'Belongs in docs', state: 'opened' },
    });
    expect(await api(gitlab.url, 'GET', `/projects/${PRIVATE_ID}/issues/1`, TOKENS.owner)).toMatchObject({
      body: { state: 'closed', moved_to_id: (moved.body as { id: number }).id },
    });
    expect(gitlab.notes(PUBLIC_ID, 1).map((n) => n.body)).toEqual(['context', 'moved from acme/backend#1']);
  });

  it('injects faults per route and records requests', async () => {
    gitlab.failNext('POST /api/v4/projects/:id/issues', 1, { status: 502 });
    gitlab.failNext(`GET /api/v4/projects/${PUBLIC_ID}`, 1, { retryAfterSeconds: 30 });
    expect((await api(gitlab.url, 'POST', `/projects/${PRIVATE_ID}/issues`, TOKENS.dev, { title: 'x' })).status).toBe(
      502,
    );
    const limited = await api(gitlab.url, 'GET', `/projects/${PUBLIC_ID}`, null);
    expect([limited.status, limited.headers.get('retry-after'), limited.body]).toEqual([429, '30', 'Retry later\n']);
    expect((await api(gitlab.url, 'GET', `/projects/${PUBLIC_ID}`, null)).status).toBe(200);
    expect(gitlab.requests.map((r) => [r.route, r.userId])).toEqual([
      ['/api/v4/projects/:id/issues', USERS.dev],
      ['/api/v4/projects/:id', undefined],
      ['/api/v4/projects/:id', undefined],
    ]);
  });
});
