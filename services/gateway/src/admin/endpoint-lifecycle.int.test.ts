import { secretMatches } from '@chatops/db';
import { type AdminHarness, PUBLIC_URL, startAdminApi } from '@chatops/test-support/admin-api';

const project = (id: number, path: string) => ({
  gitlabProjectId: id,
  pathWithNamespace: path,
  name: path.split('/')[1],
  webUrl: `https://gitlab.example.com/${path}`,
});

interface Created {
  id: string;
  url: string;
  secret: string;
  signingSecret?: string;
}

describe('admin API: the life of a webhook endpoint', () => {
  let harness: AdminHarness;
  let backend: string;
  let frontend: string;

  const createEndpoint = async (projectId: string, body?: Record<string, unknown>): Promise<Created> => {
    const response = await harness.call('POST', `/api/v1/projects/${projectId}/endpoints`, body ? { body } : {});
    expect(response.statusCode).toBe(201);
    return response.json<Created>();
  };
  const row = (id: string) => harness.database.db.webhookEndpoint.findUniqueOrThrow({ where: { id } });
  const audit = (id: string) =>
    harness.database.db.auditEntry.findMany({ where: { target: id }, orderBy: { createdAt: 'asc' } });

  beforeAll(async () => {
    harness = await startAdminApi();
    backend = (await harness.call('POST', '/api/v1/projects', { body: project(1, 'acme/backend') })).json().id;
    frontend = (await harness.call('POST', '/api/v1/projects', { body: project(2, 'acme/frontend') })).json().id;
  });
  afterAll(() => harness.close());

  it('lists every endpoint or one project’s, and shows one, without secrets', async () => {
    const a = await createEndpoint(backend, { description: 'a' });
    const b = await createEndpoint(frontend, { description: 'b', signing: true });

    const all = await harness.call('GET', '/api/v1/endpoints');
    expect(all.statusCode).toBe(200);
    const ids = all.json().items.map((e: { id: string }) => e.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(all.body).not.toContain(a.secret);
    expect(all.body).not.toContain(b.signingSecret);

    const ofFrontend = await harness.call('GET', `/api/v1/endpoints?projectId=${frontend}`);
    expect(ofFrontend.json().items).toEqual([
      {
        id: b.id,
        projectId: frontend,
        description: 'b',
        url: `${PUBLIC_URL}/hooks/gitlab/${b.id}`,
        signed: true,
        scope: 'project',
        createdAt: expect.any(String),
        lastEventAt: null,
        disabledAt: null,
      },
    ]);
    const one = await harness.call('GET', `/api/v1/endpoints/${a.id}`);
    expect(one.json()).toMatchObject({ id: a.id, projectId: backend, description: 'a', signed: false });
    expect(Object.keys(one.json())).not.toContain('secretHash');
  });

  it('answers 404 for an unknown endpoint and 400 for a malformed id or filter, on every route', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/endpoints/nope'],
      ['POST', '/api/v1/endpoints/nope/disable'],
      ['POST', '/api/v1/endpoints/nope/enable'],
      ['POST', '/api/v1/endpoints/nope/rotate-secret'],
      ['DELETE', '/api/v1/endpoints/nope'],
    ] as const) {
      const response = await harness.call(method, url);
      expect({ url, status: response.statusCode, code: response.json().error.code }).toEqual({
        url,
        status: 404,
        code: 'not_found',
      });
      const malformed = await harness.call(method, url.replace('nope', 'no%20pe'));
      expect({ url, status: malformed.statusCode }).toEqual({ url, status: 400 });
      expect(malformed.json().error.details.fields).toEqual([{ path: 'id', message: 'not a valid id' }]);
    }
    const filter = await harness.call('GET', '/api/v1/endpoints?project=x');
    expect(filter.statusCode).toBe(400);
    expect(filter.json().error.details.fields).toEqual([{ path: 'project', message: 'unknown field' }]);
  });

  it('creates a group endpoint only when asked explicitly, and refuses an unknown scope', async () => {
    const group = await createEndpoint(backend, { scope: 'group' });
    expect((await harness.call('GET', `/api/v1/endpoints/${group.id}`)).json().scope).toBe('group');
    expect((await row(group.id)).scope).toBe('group');
    expect((await audit(group.id))[0]).toMatchObject({ action: 'endpoint.create', details: { scope: 'group' } });
    const plain = await createEndpoint(backend);
    expect((await row(plain.id)).scope).toBe('project');

    const bad = await harness.call('POST', `/api/v1/projects/${backend}/endpoints`, { body: { scope: 'instance' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['scope']);
  });

  it('disables and enables an endpoint, audited, keeping the first disabling time', async () => {
    const { id } = await createEndpoint(backend);
    const disabled = await harness.call('POST', `/api/v1/endpoints/${id}/disable`);
    expect(disabled.statusCode).toBe(200);
    const disabledAt = disabled.json().disabledAt as string;
    expect(new Date(disabledAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect((await row(id)).disabledAt?.toISOString()).toBe(disabledAt);
    const again = await harness.call('POST', `/api/v1/endpoints/${id}/disable`);
    expect(again.json().disabledAt).toBe(disabledAt);

    const enabled = await harness.call('POST', `/api/v1/endpoints/${id}/enable`);
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json()).toMatchObject({ id, disabledAt: null });
    expect((await row(id)).disabledAt).toBeNull();
    expect((await audit(id)).map((e) => [e.actor, e.action])).toEqual([
      ['admin-api', 'endpoint.create'],
      ['admin-api', 'endpoint.disable'],
      ['admin-api', 'endpoint.disable'],
      ['admin-api', 'endpoint.enable'],
    ]);
  });

  it('rotates the secret token: shown once, only its hash stored, the old one no longer matches', async () => {
    const created = await createEndpoint(backend);
    const response = await harness.call('POST', `/api/v1/endpoints/${created.id}/rotate-secret`);
    expect(response.statusCode).toBe(200);
    const rotated = response.json<Created>();
    expect(Object.keys(rotated).sort()).toEqual(['id', 'secret', 'url']);
    expect(rotated).toMatchObject({ id: created.id, url: created.url });
    expect(rotated.secret).not.toBe(created.secret);
    const stored = await row(created.id);
    expect(secretMatches(rotated.secret, stored.secretHash)).toBe(true);
    expect(secretMatches(created.secret, stored.secretHash)).toBe(false);
    expect(stored.signingSecretSealed).toBeNull();

    const entries = await audit(created.id);
    expect(entries.at(-1)).toMatchObject({
      action: 'endpoint.rotate_secret',
      details: { signingSecretRotated: false },
    });
    expect(JSON.stringify(entries)).not.toContain(rotated.secret);
    expect(JSON.stringify(entries)).not.toContain(stored.secretHash);
    // Nothing shows it again.
    expect((await harness.call('GET', `/api/v1/endpoints/${created.id}`)).body).not.toContain(rotated.secret);
  });

  it('rotates the signing token too when asked, and refuses unknown fields', async () => {
    const created = await createEndpoint(backend, { signing: true });
    const response = await harness.call('POST', `/api/v1/endpoints/${created.id}/rotate-secret`, {
      body: { signing: true },
    });
    const rotated = response.json<Created>();
    expect(rotated.signingSecret).toMatch(/^whsec_/);
    expect(rotated.signingSecret).not.toBe(created.signingSecret);
    expect(harness.box.open((await row(created.id)).signingSecretSealed ?? '')).toBe(rotated.signingSecret);

    const kept = await harness.call('POST', `/api/v1/endpoints/${created.id}/rotate-secret`, { body: {} });
    expect(kept.json()).not.toHaveProperty('signingSecret');
    expect(harness.box.open((await row(created.id)).signingSecretSealed ?? '')).toBe(rotated.signingSecret);

    const before = await row(created.id);
    const bad = await harness.call('POST', `/api/v1/endpoints/${created.id}/rotate-secret`, { body: { sign: 1 } });
    expect(bad.statusCode).toBe(400);
    expect((await row(created.id)).secretHash).toBe(before.secretHash);
  });

  it('deletes an endpoint, audited; a second delete is 404', async () => {
    const { id } = await createEndpoint(frontend, { description: 'old' });
    const response = await harness.call('DELETE', `/api/v1/endpoints/${id}`);
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect(await harness.database.db.webhookEndpoint.findUnique({ where: { id } })).toBeNull();
    expect((await audit(id)).at(-1)).toMatchObject({
      action: 'endpoint.delete',
      details: { projectId: frontend, description: 'old', scope: 'project' },
    });
    expect((await harness.call('DELETE', `/api/v1/endpoints/${id}`)).statusCode).toBe(404);
    expect((await harness.call('GET', `/api/v1/endpoints/${id}`)).statusCode).toBe(404);
  });
});
