import { hashSecret, saveChatIdentity, secretMatches } from '@chatops/db';
import { type AdminHarness, PUBLIC_URL, startAdminApi } from '@chatops/test-support/admin-api';

const project = (id: number, path: string) => ({
  gitlabProjectId: id,
  pathWithNamespace: path,
  name: path.split('/')[1],
  webUrl: `https://gitlab.example.com/${path}`,
});

describe('admin API: project aliases, linked chat users, Mattermost slash commands', () => {
  let harness: AdminHarness;
  let backend: string;
  let frontend: string;
  const unlinked: string[] = [];

  beforeAll(async () => {
    harness = await startAdminApi({
      // Stands in for UserTokens.unlink: records the call, deletes like the real one.
      unlinkIdentity: async (id) => {
        unlinked.push(id);
        return harness.database.db.chatIdentity.delete({ where: { id } }).catch(() => null);
      },
    });
    backend = (await harness.call('POST', '/api/v1/projects', { body: project(1, 'acme/backend') })).json().id;
    frontend = (await harness.call('POST', '/api/v1/projects', { body: project(2, 'acme/frontend') })).json().id;
  });
  afterAll(() => harness.close());

  it('gives a project an alias, lists it, and refuses one that is taken or another project’s path (409)', async () => {
    const created = await harness.call('POST', `/api/v1/projects/${backend}/aliases`, { body: { alias: 'be' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ alias: 'be', projectId: backend });
    expect(
      (await harness.call('POST', `/api/v1/projects/${backend}/aliases`, { body: { alias: 'be' } })).statusCode,
    ).toBe(201);

    const taken = await harness.call('POST', `/api/v1/projects/${frontend}/aliases`, { body: { alias: 'be' } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toMatch(/already an alias of another project/);
    const path = await harness.call('POST', `/api/v1/projects/${frontend}/aliases`, {
      body: { alias: 'acme/backend' },
    });
    expect(path.statusCode).toBe(409);
    expect(path.json().error.message).toMatch(/the path of another project/);

    const list = await harness.call('GET', `/api/v1/projects/${backend}/aliases`);
    expect(list.json().items.map((a: { alias: string }) => a.alias)).toEqual(['be']);
    expect((await harness.database.db.projectAlias.findMany()).map((a) => a.alias)).toEqual(['be']);
  });

  it('validates aliases (one word) and removes them', async () => {
    const bad = await harness.call('POST', `/api/v1/projects/${frontend}/aliases`, { body: { alias: 'two words' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].path).toBe('alias');
    expect((await harness.call('POST', `/api/v1/projects/nope/aliases`, { body: { alias: 'fe' } })).statusCode).toBe(
      404,
    );
    await harness.call('POST', `/api/v1/projects/${frontend}/aliases`, { body: { alias: 'fe' } });
    expect((await harness.call('DELETE', `/api/v1/projects/${frontend}/aliases/fe`)).statusCode).toBe(204);
    expect((await harness.call('DELETE', `/api/v1/projects/${frontend}/aliases/fe`)).statusCode).toBe(404);
  });

  it('lists linked chat users without tokens and revokes one through the unlink service', async () => {
    const identity = await saveChatIdentity(harness.database.db, harness.box, {
      provider: 'slack',
      teamId: 'T1',
      chatUserId: 'U1',
      gitlabUserId: 7,
      gitlabUsername: 'dev',
      accessToken: 'access-secret',
      refreshToken: 'refresh-secret',
      tokenExpiresAt: null,
    });
    const list = await harness.call('GET', '/api/v1/identities?gitlabUsername=dev');
    expect(list.json().items).toEqual([
      expect.objectContaining({ id: identity.id, provider: 'slack', chatUserId: 'U1', gitlabUsername: 'dev' }),
    ]);
    expect(list.body).not.toMatch(/secret|Sealed/);
    expect((await harness.call('DELETE', `/api/v1/identities/${identity.id}`)).statusCode).toBe(204);
    expect(unlinked).toEqual([identity.id]);
    expect((await harness.call('DELETE', `/api/v1/identities/${identity.id}`)).statusCode).toBe(404);
  });

  it('registers a Mattermost command by its token (stored as a digest), lists it with the request URL, removes it', async () => {
    const connection = await harness.database.db.mattermostConnection.create({
      data: { name: 'mm', url: 'https://mm.example.com' },
    });
    const token = 'mattermost-generated-token-0123456789';
    const created = await harness.call('POST', '/api/v1/mattermost/commands', {
      body: { connectionId: connection.id, teamId: 'team1', trigger: '/backend', token, projectId: backend },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      trigger: 'backend',
      projectId: backend,
      remoteId: null,
      requestUrl: `${PUBLIC_URL}/mattermost/commands`,
    });
    expect(created.body).not.toContain(token);
    const stored = await harness.database.db.mattermostCommand.findUniqueOrThrow({ where: { id: created.json().id } });
    expect([stored.tokenHash === hashSecret(token), secretMatches(token, stored.tokenHash)]).toEqual([true, true]);

    const again = await harness.call('POST', '/api/v1/mattermost/commands', {
      body: { connectionId: connection.id, teamId: 'team1', trigger: 'backend', token: `${token}-2` },
    });
    expect(again.statusCode).toBe(409);
    expect(
      (
        await harness.call('POST', '/api/v1/mattermost/commands', {
          body: { connectionId: 'nope', teamId: 'team1', trigger: 'x', token },
        })
      ).statusCode,
    ).toBe(404);
    expect((await harness.call('GET', '/api/v1/mattermost/commands')).json().items).toHaveLength(1);
    const removed = await harness.call('DELETE', `/api/v1/mattermost/commands/${created.json().id}`);
    expect([removed.statusCode, removed.json()]).toEqual([
      200,
      {
        id: created.json().id,
        trigger: 'backend',
        remote: 'not_created_here',
        message: '/backend no longer answers; it was registered by its token, so delete it in Mattermost (mm) by hand',
      },
    ]);
    expect(await harness.database.db.mattermostCommand.count()).toBe(0);
    const audit = await harness.database.db.auditEntry.findMany({
      where: { target: created.json().id },
      orderBy: { createdAt: 'asc' },
    });
    expect(audit.map((e) => [e.action, e.actor, (e.details as { remote?: string }).remote ?? null])).toEqual([
      ['mattermost_command.create', 'admin-api', null],
      ['mattermost_command.delete', 'admin-api', 'not_created_here'],
    ]);
  });
});
