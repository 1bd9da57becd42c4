import { type AdminHarness, startAdminApi } from '@chatops/test-support/admin-api';

describe('admin API: the audit actor (X-Chatops-Actor)', () => {
  let harness: AdminHarness;
  let seq = 0;

  const project = () => ({
    gitlabProjectId: 100 + ++seq,
    pathWithNamespace: `mike/project-${seq}`,
    name: `Project ${seq}`,
    webUrl: `https://gitlab.example.com/mike/project-${seq}`,
  });
  const createProject = (headers: Record<string, string> = {}) =>
    harness.call('POST', '/api/v1/projects', { body: project(), headers });
  const actorsOf = async (target: string) =>
    (await harness.database.db.auditEntry.findMany({ where: { target }, orderBy: { createdAt: 'asc' } })).map((e) => [
      e.action,
      e.actor,
    ]);

  beforeAll(async () => {
    harness = await startAdminApi();
  });
  afterAll(async () => {
    await harness.close();
  });

  it('records the actor a request names, request by request, and admin-api for one that names none', async () => {
    const created = await createProject({ 'x-chatops-actor': 'gitlab:alice' });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    const endpoint = await harness.call('POST', `/api/v1/projects/${id}/endpoints`, { body: {} });
    const endpointId = endpoint.json<{ id: string }>().id;
    const disabled = await harness.call('POST', `/api/v1/endpoints/${endpointId}/disable`, {
      headers: { 'X-Chatops-Actor': 'renovate-bot@ci.example.com/nightly' },
    });
    expect(disabled.statusCode).toBe(200);
    expect(await actorsOf(id)).toEqual([['project.create', 'gitlab:alice']]);
    expect(await actorsOf(endpointId)).toEqual([
      ['endpoint.create', 'admin-api'],
      ['endpoint.disable', 'renovate-bot@ci.example.com/nightly'],
    ]);
  });

  it('takes an actor of exactly 100 characters', async () => {
    const actor = `a${'b'.repeat(99)}`;
    const created = await createProject({ 'x-chatops-actor': actor });
    expect(created.statusCode).toBe(201);
    expect(await actorsOf(created.json<{ id: string }>().id)).toEqual([['project.create', actor]]);
  });

  it.each([
    ['empty', ''],
    ['101 characters long', 'a'.repeat(101)],
    ['starting with a punctuation mark', '-alice'],
    ['holding a space', 'gitlab:alice smith'],
    ['holding a quote', 'gitlab:"alice"'],
    ['not ASCII', 'gitlab:alicé'],
  ])('refuses an actor %s with 400 naming the header, and changes nothing', async (_label, actor) => {
    const before = await harness.database.db.auditEntry.count();
    const projects = await harness.database.db.project.count();
    const response = await createProject({ 'x-chatops-actor': actor });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'validation_failed',
      details: { fields: [{ path: 'X-Chatops-Actor', message: expect.stringContaining('1–100 characters') }] },
    });
    expect(await harness.database.db.auditEntry.count()).toBe(before);
    expect(await harness.database.db.project.count()).toBe(projects);
  });

  it('checks the token first: a bad actor without the token is 401', async () => {
    const response = await harness.call('GET', '/api/v1/projects', { token: null, headers: { 'x-chatops-actor': '' } });
    expect(response.statusCode).toBe(401);
  });

  it('is described in the OpenAPI document', async () => {
    const document = (await harness.call('GET', '/api/v1/openapi.json')).json<{ info: { description: string } }>();
    expect(document.info.description).toContain('`X-Chatops-Actor`');
  });
});
