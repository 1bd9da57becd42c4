import { secretMatches } from '@chatops/db';
import { type AdminHarness, PUBLIC_URL, startAdminApi } from '@chatops/test-support/admin-api';

const diaspora = {
  gitlabProjectId: 15,
  pathWithNamespace: 'mike/diaspora',
  name: 'Diaspora',
  webUrl: 'https://gitlab.example.com/mike/diaspora',
  defaultBranch: 'master',
};

describe('admin API: projects and webhook endpoints', () => {
  let harness: AdminHarness;
  let projectId: string;

  beforeAll(async () => {
    harness = await startAdminApi();
    const created = await harness.call('POST', '/api/v1/projects', { body: diaspora });
    expect(created.statusCode).toBe(201);
    projectId = created.json<{ id: string }>().id;
  });
  afterAll(async () => {
    await harness.close();
  });

  it('registers a project, lists it and records who did it', async () => {
    const list = await harness.call('GET', '/api/v1/projects');
    expect(list.json()).toEqual({
      items: [{ ...diaspora, id: projectId, createdAt: expect.any(String), updatedAt: expect.any(String) }],
    });
    const audit = await harness.database.db.auditEntry.findMany({ where: { target: projectId } });
    expect(audit).toEqual([expect.objectContaining({ actor: 'admin-api', action: 'project.create' })]);
  });

  it('defaults the default branch to main', async () => {
    const response = await harness.call('POST', '/api/v1/projects', {
      body: { ...diaspora, gitlabProjectId: 16, pathWithNamespace: 'mike/other', defaultBranch: undefined },
    });
    expect(response.json()).toMatchObject({ defaultBranch: 'main' });
  });

  it.each([
    ['the GitLab id', { pathWithNamespace: 'mike/elsewhere' }, 'already exists (same gitlabProjectId)'],
    ['the path', { gitlabProjectId: 99 }, 'already exists (same pathWithNamespace)'],
  ])('answers 409 conflict when %s is taken', async (_label, change, message) => {
    const response = await harness.call('POST', '/api/v1/projects', { body: { ...diaspora, ...change } });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toEqual({ code: 'conflict', message });
  });

  it('names every invalid field', async () => {
    const response = await harness.call('POST', '/api/v1/projects', {
      body: { gitlabProjectId: -1, pathWithNamespace: 'nogroup', name: 'x', webUrl: 'ftp://x', extra: 1 },
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('validation_failed');
    expect(error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'extra',
      'gitlabProjectId',
      'pathWithNamespace',
      'webUrl',
    ]);
    expect(error.details.fields).toContainEqual({ path: 'webUrl', message: 'must be an http(s) URL' });
  });

  it('answers 400 for a body that is not an object', async () => {
    const response = await harness.call('POST', '/api/v1/projects', { body: [1] });
    expect(response.json().error).toMatchObject({ code: 'validation_failed', details: { fields: [{ path: '' }] } });
  });

  it('creates an endpoint whose secret is shown once and authenticates GitLab', async () => {
    const response = await harness.call('POST', `/api/v1/projects/${projectId}/endpoints`, {
      body: { description: 'production' },
    });
    expect(response.statusCode).toBe(201);
    const created = response.json<{ id: string; url: string; secret: string }>();
    expect(Object.keys(created).sort()).toEqual(['id', 'secret', 'url']);
    expect(created.url).toBe(`${PUBLIC_URL}/hooks/gitlab/${created.id}`);
    const row = await harness.database.db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } });
    expect(secretMatches(created.secret, row.secretHash)).toBe(true);
    expect(row).toMatchObject({ projectId, description: 'production', signingSecretSealed: null });

    const list = await harness.call('GET', `/api/v1/projects/${projectId}/endpoints`);
    expect(list.json().items).toContainEqual({
      id: created.id,
      projectId,
      description: 'production',
      url: created.url,
      signed: false,
      scope: 'project',
      createdAt: expect.any(String),
      lastEventAt: null,
      disabledAt: null,
    });
    expect(list.body).not.toContain(created.secret);
    expect(list.body).not.toContain(row.secretHash);
    const audit = await harness.database.db.auditEntry.findFirstOrThrow({ where: { target: created.id } });
    expect(JSON.stringify(audit)).not.toContain(created.secret);
  });

  it('creates a signed endpoint on request, with a signing token stored sealed', async () => {
    const response = await harness.call('POST', `/api/v1/projects/${projectId}/endpoints`, { body: { signing: true } });
    const created = response.json<{ id: string; signingSecret: string }>();
    expect(created.signingSecret).toMatch(/^whsec_/);
    const row = await harness.database.db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } });
    expect(harness.box.open(row.signingSecretSealed ?? '')).toBe(created.signingSecret);
  });

  it('creates an endpoint without a body', async () => {
    expect((await harness.call('POST', `/api/v1/projects/${projectId}/endpoints`)).statusCode).toBe(201);
  });

  it.each(['GET', 'POST'] as const)(
    'answers 404 not_found for the endpoints of an unknown project (%s)',
    async (method) => {
      const response = await harness.call(method, '/api/v1/projects/nope/endpoints');
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    },
  );
});
