import { type AdminHarness, startAdminApi } from '@chatops/test-support/admin-api';

interface EntryJson {
  id: string;
  actor: string;
  action: string;
  target: string;
  details: Record<string, unknown>;
  createdAt: string;
}
interface PageJson {
  items: EntryJson[];
  nextCursor: string | null;
}

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 12, minute));

describe('admin API: the audit log', () => {
  let harness: AdminHarness;

  /** An audit entry written at 12:<minute> on 2026-12-01. */
  const entry = (minute: number, actor: string, action: string, target: string) =>
    harness.database.db.auditEntry
      .create({ data: { actor, action, target, details: { minute }, createdAt: at(minute) } })
      .then((e) => e.id);
  const list = async (query = '') => {
    const response = await harness.call('GET', `/api/v1/audit${query}`);
    expect(response.statusCode).toBe(200);
    return response.json<PageJson>();
  };
  const ids = async (query: string) => (await list(query)).items.map((e) => e.id);

  beforeAll(async () => {
    harness = await startAdminApi();
  });
  afterEach(async () => {
    await harness.database.db.auditEntry.deleteMany();
  });
  afterAll(async () => {
    await harness.close();
  });

  it("shows the API's own changes, newest first, with their actor and details", async () => {
    const body = { gitlabProjectId: 15, pathWithNamespace: 'mike/diaspora', name: 'D', webUrl: 'https://g.example/d' };
    const created = await harness.call('POST', '/api/v1/projects', {
      body,
      headers: { 'x-chatops-actor': 'gitlab:alice' },
    });
    const projectId = created.json<{ id: string }>().id;
    await harness.call('DELETE', `/api/v1/projects/${projectId}`);
    const page = await list();
    expect(page.nextCursor).toBeNull();
    expect(page.items).toEqual([
      {
        id: expect.any(String),
        actor: 'admin-api',
        action: 'project.delete',
        target: projectId,
        details: expect.objectContaining({ pathWithNamespace: 'mike/diaspora' }),
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      },
      expect.objectContaining({ actor: 'gitlab:alice', action: 'project.create', target: projectId }),
    ]);
  });

  it('filters by exact actor and action', async () => {
    const alice = await entry(1, 'gitlab:alice', 'integration.update', 'cint1');
    const update = await entry(2, 'gitlab:alice2', 'integration.update', 'cint1');
    await entry(3, 'cli', 'integration.delete', 'cint1');
    expect(await ids('?actor=gitlab:alice')).toEqual([alice]);
    expect(await ids('?actor=gitlab:ali')).toEqual([]);
    expect(await ids('?action=integration.update')).toEqual([update, alice]);
    expect(await ids('?action=integration')).toEqual([]);
    expect(await ids('?actor=gitlab:alice2&action=integration.update')).toEqual([update]);
  });

  it('filters by target prefix, with no wildcards in it', async () => {
    const one = await entry(1, 'cli', 'endpoint.create', 'ab_cd');
    const two = await entry(2, 'cli', 'endpoint.disable', 'ab_cdef');
    await entry(3, 'cli', 'endpoint.create', 'abxcd');
    const percent = await entry(4, 'cli', 'endpoint.create', 'ab%cd');
    const backslash = await entry(5, 'cli', 'endpoint.create', 'ab\\cd');
    expect(await ids('?target=ab_cd')).toEqual([two, one]);
    expect(await ids('?target=ab_cdef')).toEqual([two]);
    expect(await ids(`?target=${encodeURIComponent('ab%')}`)).toEqual([percent]);
    expect(await ids(`?target=${encodeURIComponent('ab\\')}`)).toEqual([backslash]);
  });

  it('filters by time: since inclusive, until exclusive, offsets understood', async () => {
    await entry(10, 'cli', 'project.create', 'p1');
    const eleven = await entry(11, 'cli', 'project.create', 'p2');
    const twelve = await entry(12, 'cli', 'project.create', 'p3');
    await entry(13, 'cli', 'project.create', 'p4');
    expect(await ids('?since=2026-12-01T12:11:00Z&until=2026-12-01T12:13:00Z')).toEqual([twelve, eleven]);
    expect(
      await ids(`?since=${encodeURIComponent('2026-12-01T13:11:00+01:00')}&until=2026-12-01T12:12:00.000Z`),
    ).toEqual([eleven]);
  });

  it('pages with a cursor, without skipping or repeating entries that share a timestamp', async () => {
    const written: string[] = [];
    for (let i = 0; i < 5; i++) written.push(await entry(i < 3 ? 30 : 20, 'cli', 'project.create', `p${i}`));
    const seen: string[] = [];
    let query = '?limit=2';
    for (let pages = 0; pages < 5; pages++) {
      const page = await list(query);
      seen.push(...page.items.map((e) => e.id));
      if (!page.nextCursor) break;
      query = `?limit=2&cursor=${page.nextCursor}`;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen)).toEqual(new Set(written));
  });

  it.each([
    ['a since that is not a timestamp', '?since=yesterday', 'since'],
    ['an until without a time zone', '?until=2026-12-01T12:00:00', 'until'],
    ['an empty actor', '?actor=', 'actor'],
    ['a limit over 200', '?limit=201', 'limit'],
    ['an unknown parameter', '?user=alice', 'user'],
  ])('refuses %s with 400 naming the parameter', async (_label, query, path) => {
    const response = await harness.call('GET', `/api/v1/audit${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields).toContainEqual({ path, message: expect.any(String) });
  });

  it('is described in the OpenAPI document with its filters', async () => {
    const document = (await harness.call('GET', '/api/v1/openapi.json')).json();
    const parameters = document.paths['/api/v1/audit'].get.parameters as Array<{ name: string }>;
    expect(parameters.map((p) => p.name)).toEqual(['limit', 'cursor', 'actor', 'action', 'target', 'since', 'until']);
    expect(parameters.find((p) => p.name === 'since')).toMatchObject({ schema: { format: 'date-time' } });
    expect(document.components.schemas.AuditEntry.required).toEqual([
      'id',
      'actor',
      'action',
      'target',
      'details',
      'createdAt',
    ]);
  });
});
