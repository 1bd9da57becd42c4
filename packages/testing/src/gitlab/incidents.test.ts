import { api, PRIVATE_ID, PUBLIC_ID, TOKENS, USERS, useTestGitLab } from '../test-support/gitlab-fixture.js';
import { gitbeaker } from '../test-support/real-clients.js';

/** Incidents, quick actions, members, labels, templates, files and project lists, seen by @gitbeaker/rest. */
describe('FakeGitLab incident management over REST', () => {
  const gitlab = useTestGitLab();
  const client = (token: string = TOKENS.dev) => gitbeaker({ host: gitlab.url, token });

  it('creates incidents with quick actions applied and removed from the description', async () => {
    gitlab.addLabel(PRIVATE_ID, { name: 'incident', color: '#dc143c' });
    gitlab.addLabel(PRIVATE_ID, { name: 'on call' });
    const created = await client().Issues.create(PRIVATE_ID, 'Checkout is down', {
      issueType: 'incident',
      confidential: true,
      assigneeIds: [USERS.reporter],
      labels: 'sev1,db',
      description: [
        'Payments fail since 10:02.',
        '/assign @owner @nobody',
        '/label ~incident ~"on call" ~missing',
        '/severity S2',
        '/zoom https://acme.zoom.us/j/123456 War room',
        '/link https://acme.slack.com/archives/C1 Slack thread',
        '/shrug not a GitLab command',
        '```',
        '/assign @dev',
        '```',
      ].join('\n'),
    });
    expect(created).toMatchObject({
      iid: 1,
      issue_type: 'incident',
      type: 'INCIDENT',
      severity: 'HIGH',
      confidential: true,
      labels: ['sev1', 'db', 'incident', 'on call'],
      assignees: [{ id: USERS.reporter }, { id: USERS.owner }],
      web_url: `${gitlab.url}/acme/backend/-/issues/incident/1`,
      description: 'Payments fail since 10:02.\n/shrug not a GitLab command\n```\n/assign @dev\n```',
    });
    const stored = gitlab.issue(PRIVATE_ID, 1);
    expect(stored).toMatchObject({ severity: 'high', escalationStatus: 'triggered' });
    expect(stored.resourceLinks).toMatchObject([
      { link: 'https://acme.zoom.us/j/123456', linkText: 'War room', linkType: 'zoom' },
      { link: 'https://acme.slack.com/archives/C1', linkText: 'Slack thread', linkType: 'slack' },
    ]);
    expect(gitlab.zoomLinks(PRIVATE_ID, 1)).toEqual(['https://acme.zoom.us/j/123456']);
    expect(gitlab.labels(PRIVATE_ID).map((l) => l.name)).toEqual(['incident', 'on call', 'sev1', 'db']);

    // A plain issue keeps one Zoom meeting; incident-only commands stay in its text.
    const plain = await client().Issues.create(PRIVATE_ID, 'Slow page', {
      description: '/zoom https://zoom.us/j/42\n/severity critical\n/zoom https://example.com/not-zoom',
    });
    expect(plain).toMatchObject({ issue_type: 'issue', severity: 'UNKNOWN', description: '/severity critical' });
    expect(gitlab.zoomLinks(PRIVATE_ID, 2)).toEqual(['https://zoom.us/j/42']);
    expect(gitlab.issue(PRIVATE_ID, 2).escalationStatus).toBeNull();
  });

  it('lets only Reporter+ create incidents and set metadata, like GitLab', async () => {
    const byGuest = await client(TOKENS.guest).Issues.create(PRIVATE_ID, 'Guest incident', {
      issueType: 'incident',
      description: '/assign @owner\n/severity S1',
    });
    expect(byGuest).toMatchObject({ issue_type: 'issue', assignees: [], description: '/assign @owner\n/severity S1' });
    const outsiderAssigned = await client(TOKENS.reporter).Issues.create(PRIVATE_ID, 'x', {
      description: '/assign @outsider',
    });
    expect(outsiderAssigned).toMatchObject({ assignees: [], description: '' });
  });

  it('filters project and global issue lists by type, state, search, scope and order', async () => {
    const dev = client();
    await dev.Issues.create(PRIVATE_ID, 'Disk full', { issueType: 'incident' });
    await dev.Issues.create(PRIVATE_ID, 'Refactor logging');
    await client(TOKENS.owner).Issues.create(PUBLIC_ID, 'Docs outage', {
      issueType: 'incident',
      assigneeIds: `${USERS.dev}`,
    });
    const incidents = await dev.Issues.all({ projectId: PRIVATE_ID, issueType: 'incident', state: 'opened' });
    expect(incidents.map((i) => i['title'])).toEqual(['Disk full']);
    const sorted = await dev.Issues.all({ projectId: PRIVATE_ID, orderBy: 'title', sort: 'asc', perPage: 1 });
    expect(sorted.map((i) => i['title'])).toEqual(['Disk full', 'Refactor logging']);

    const mine = await dev.Issues.all({});
    expect(mine.map((i) => i['title']).sort()).toEqual(['Disk full', 'Refactor logging']);
    const assigned = await dev.Issues.all({ scope: 'assigned_to_me' });
    expect(assigned.map((i) => i['title'])).toEqual(['Docs outage']);
    const everything = await dev.Issues.all({ scope: 'all', issueType: 'incident', search: 'outage' });
    expect(everything.map((i) => i['references'])).toMatchObject([{ full: 'acme/docs#1' }]);
    expect((await api(gitlab.url, 'GET', '/issues', null)).status).toBe(401);
    const anonymous = await api(gitlab.url, 'GET', '/issues?scope=all', null);
    expect((anonymous.body as Array<{ title: string }>).map((i) => i.title)).toEqual(['Docs outage']);
    expect(await api(gitlab.url, 'GET', '/issues?issue_type=alert', TOKENS.dev)).toMatchObject({
      status: 400,
      body: { error: 'issue_type does not have a valid value' },
    });
  });

  it('lists members with a query, labels with a search, and member projects by access level', async () => {
    const members = await client().ProjectMembers.all(PRIVATE_ID, { includeInherited: true, query: 'rep' });
    expect(members).toMatchObject([{ id: USERS.reporter, username: 'reporter', access_level: 20, state: 'active' }]);
    expect(await client().ProjectMembers.all(PRIVATE_ID, { includeInherited: true, perPage: 2 })).toHaveLength(5);
    expect(gitlab.requestCount('GET /api/v4/projects/:id/members/all')).toBe(4);
    await expect(
      client().ProjectMembers.show(PRIVATE_ID, USERS.reporter, { includeInherited: true }),
    ).resolves.toMatchObject({
      id: USERS.reporter,
      access_level: 20,
    });
    await expect(client().ProjectMembers.show(PRIVATE_ID, 999, { includeInherited: true })).rejects.toThrow(
      /Not Found|404/,
    );

    gitlab.addLabel(PRIVATE_ID, { name: 'incident', color: '#dc143c', description: 'Production incident' });
    gitlab.addLabel(PRIVATE_ID, { name: 'bug' });
    await expect(client().ProjectLabels.all(PRIVATE_ID, { search: 'inc' })).resolves.toMatchObject([
      { name: 'incident', color: '#dc143c', description: 'Production incident', text_color: '#FFFFFF' },
    ]);

    const asDev = await client().Projects.all({ membership: true, minAccessLevel: 20, orderBy: 'name', sort: 'asc' });
    expect(asDev.map((p) => p['path_with_namespace'])).toEqual(['acme/backend']);
    expect(asDev[0]).toMatchObject({ permissions: { project_access: { access_level: 30 } } });
    const asOwner = await client(TOKENS.owner).Projects.all({ membership: true, search: 'doc', perPage: 5 });
    expect(asOwner.map((p) => p['path_with_namespace'])).toEqual(['acme/docs']);
    expect(await client(TOKENS.guest).Projects.all({ minAccessLevel: 20 })).toEqual([]);
    const visible = await client(TOKENS.outsider).Projects.all({ simple: true });
    expect(visible.map((p) => p['path_with_namespace'])).toEqual(['acme/docs']);
    expect(visible[0]?.['permissions']).toBeUndefined();
  });

  it('serves issue templates through the templates API and the repository files API', async () => {
    gitlab.setIssueTemplate(PRIVATE_ID, 'Incident', '## Summary\n\n/label ~incident\n');
    gitlab.setIssueTemplate(PRIVATE_ID, 'Bug', 'Steps:');
    const api4 = client(TOKENS.reporter);
    await expect(api4.ProjectTemplates.all(PRIVATE_ID, 'issues')).resolves.toEqual([
      { key: 'Bug', name: 'Bug' },
      { key: 'Incident', name: 'Incident' },
    ]);
    await expect(api4.ProjectTemplates.show(PRIVATE_ID, 'issues', 'Incident')).resolves.toEqual({
      name: 'Incident',
      content: '## Summary\n\n/label ~incident\n',
    });
    await expect(api4.ProjectTemplates.show(PRIVATE_ID, 'issues', 'Nope')).rejects.toMatchObject({
      message: '404 Template Not Found',
    });
    await expect(api4.RepositoryFiles.showRaw(PRIVATE_ID, '.gitlab/issue_templates/Incident.md', 'main')).resolves.toBe(
      '## Summary\n\n/label ~incident\n',
    );
    await expect(api4.RepositoryFiles.showRaw(PRIVATE_ID, 'missing.md', 'main')).rejects.toMatchObject({
      message: '404 File Not Found',
    });
    const path = encodeURIComponent('.gitlab/issue_templates/Bug.md');
    expect(
      (await api(gitlab.url, 'GET', `/projects/${PRIVATE_ID}/repository/files/${path}/raw`, TOKENS.guest)).status,
    ).toBe(403);
    expect(
      await api(gitlab.url, 'GET', `/projects/${PRIVATE_ID}/repository/files/${path}?ref=main`, TOKENS.dev),
    ).toMatchObject({ status: 200, body: { file_name: 'Bug.md', encoding: 'base64', content: 'U3RlcHM6' } });
  });
});
