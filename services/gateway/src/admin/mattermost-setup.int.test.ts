import { hashSecret, SecretBox } from '@chatops/db';
import { QueueName } from '@chatops/jobs';
import { FakeMattermost, freePort } from '@chatops/testing';
import { type FastifyInstance } from 'fastify';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { TEST_ENCRYPTION_KEY } from '@chatops/test-support/infra';
import { openQueueInspector, type QueueInspector } from '@chatops/test-support/redis';
import { buildGateway } from '../app';
import { testGatewayDeps } from '../../test/test-gateway';

const ADMIN_TOKEN = 'admin-token-for-mattermost-setup-0123';
const TEAM = 'teamaaaaaaaaaaaaaaaaaaaaaa';
const TOWN = 'townsquareaaaaaaaaaaaaaaaa';
const MM_ADMIN = 'mmadminaaaaaaaaaaaaaaaaaaa';
const ALICE = 'aliceaaaaaaaaaaaaaaaaaaaaa';
const TAKEN = 'This trigger word is already in use. Please choose another word.';

/**
 * "Add to Mattermost" end to end: the gateway listens at its PUBLIC_URL, creates commands in the
 * fake Mattermost with a connection's token, and the fake then sends a user's command there.
 */
describe('admin API: Mattermost command setup (suggested values, created in Mattermost, deleted there)', () => {
  const mm = new FakeMattermost();
  const box = new SecretBox(Buffer.from(TEST_ENCRYPTION_KEY, 'hex'));
  let database: TestDatabase;
  let inspection: QueueInspector;
  let app: FastifyInstance;
  let publicUrl: string;
  let projectId: string;

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, actor?: string) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        ...(actor ? { 'x-chatops-actor': actor } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  const connection = async (name: string, token: string | null, url = mm.url) =>
    (
      await database.db.mattermostConnection.create({
        data: { name, url, botTokenSealed: token === null ? null : box.seal(token) },
      })
    ).id;
  const create = (connectionId: string, body: Record<string, unknown>, actor?: string) =>
    call('POST', `/mattermost/connections/${connectionId}/commands`, { teamId: TEAM, ...body }, actor);

  beforeAll(async () => {
    database = await createTestDatabase();
    inspection = openQueueInspector('mm-setup');
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    ({ app } = await buildGateway(
      testGatewayDeps({
        DATABASE_URL: database.url,
        QUEUE_PREFIX: inspection.prefix,
        PUBLIC_URL: publicUrl,
        ADMIN_TOKEN,
      }),
    ));
    await app.listen({ host: '127.0.0.1', port });
    await mm.start();
    const project = await call('POST', '/projects', {
      gitlabProjectId: 4,
      pathWithNamespace: 'mike/Diaspora',
      name: 'Diaspora',
      webUrl: 'https://gitlab.example.com/mike/Diaspora',
    });
    projectId = project.json().id;
  });
  beforeEach(async () => {
    mm.reset();
    mm.addTeam({ id: TEAM, name: 'acme', displayName: 'Acme' });
    mm.addUser({ id: MM_ADMIN, username: 'root', token: 'mm-admin-pat', teamIds: [TEAM], teamAdminIds: [TEAM] });
    mm.addUser({ id: ALICE, username: 'alice', token: 'mm-alice-pat', teamIds: [TEAM] });
    mm.addChannel({ id: TOWN, teamId: TEAM, name: 'town-square', type: 'O', members: [MM_ADMIN, ALICE] });
    await database.db.mattermostConnection.deleteMany();
  });
  afterAll(async () => {
    await app.close();
    await mm.stop();
    await inspection.close();
    await database.drop();
  });

  it("suggests GitLab's values for a project's command and for the shared /gitlab", async () => {
    const forProject = await call('GET', `/mattermost/command-suggestion?projectId=${projectId}`);
    expect([forProject.statusCode, forProject.json()]).toEqual([
      200,
      {
        projectId,
        displayName: 'GitLab / Diaspora',
        description: 'Perform common operations on: Diaspora',
        trigger: 'diaspora',
        requestUrl: `${publicUrl}/mattermost/commands`,
        requestMethod: 'POST',
        responseUsername: 'GitLab',
        responseIconUrl: `${publicUrl}/assets/mattermost-icon.png`,
        autocomplete: true,
        autocompleteHint: '[help]',
        autocompleteDescription: 'Perform common operations on: Diaspora',
      },
    ]);
    const shared = await call('GET', '/mattermost/command-suggestion');
    expect(shared.json()).toMatchObject({ projectId: null, displayName: 'GitLab', trigger: 'gitlab' });
    expect((await call('GET', '/mattermost/command-suggestion?projectId=nope')).statusCode).toBe(404);
    const icon = await fetch(`${publicUrl}/assets/mattermost-icon.png`);
    expect([icon.status, icon.headers.get('content-type')]).toEqual([200, 'image/png']);
  });

  it("lists the teams of the connection's token", async () => {
    const id = await connection('main', 'mm-admin-pat');
    const teams = await call('GET', `/mattermost/connections/${id}/teams`);
    expect(teams.json()).toEqual({ items: [{ id: TEAM, name: 'acme', displayName: 'Acme', type: 'O' }] });
  });

  it('creates the command in Mattermost with the suggested values, and the gateway takes it when a user runs it', async () => {
    const id = await connection('main', 'mm-admin-pat');
    const created = await create(id, { projectId }, 'gitlab:root');
    expect(created.statusCode).toBe(201);
    const [remote] = mm.commands(TEAM);
    expect(remote).toMatchObject({
      creator_id: MM_ADMIN,
      trigger: 'diaspora',
      url: `${publicUrl}/mattermost/commands`,
      method: 'P',
      username: 'GitLab',
      icon_url: `${publicUrl}/assets/mattermost-icon.png`,
      display_name: 'GitLab / Diaspora',
      description: 'Perform common operations on: Diaspora',
      auto_complete: true,
      auto_complete_hint: '[help]',
      auto_complete_desc: 'Perform common operations on: Diaspora',
    });
    const command = created.json();
    expect(command).toMatchObject({
      connectionId: id,
      teamId: TEAM,
      trigger: 'diaspora',
      projectId,
      remoteId: remote?.id,
    });
    expect(created.body).not.toContain(remote?.token ?? '?');
    const stored = await database.db.mattermostCommand.findUniqueOrThrow({ where: { id: command.id } });
    expect(stored.tokenHash).toBe(hashSecret(remote?.token ?? ''));
    const audit = await database.db.auditEntry.findFirstOrThrow({ where: { target: command.id } });
    expect(audit).toMatchObject({ actor: 'gitlab:root', action: 'mattermost_command.create' });
    expect(audit.details).toMatchObject({ connectionId: id, trigger: 'diaspora', remoteId: remote?.id });

    const run = await mm.executeCommand({ userId: ALICE, channelId: TOWN, command: '/diaspora issue show 1' });
    expect([run.status, run.body]).toEqual([200, { response_type: 'ephemeral', text: '' }]);
    const jobs = await inspection.queues.queue(QueueName.Commands).getJobs(['waiting', 'delayed', 'active']);
    expect(jobs.map((job) => job.data)).toEqual([
      expect.objectContaining({ provider: 'mattermost', mattermostCommandId: command.id, text: 'issue show 1' }),
    ]);
  });

  it('creates the shared command, or one under the trigger asked for', async () => {
    const id = await connection('main', 'mm-admin-pat');
    const shared = await create(id, {});
    expect(shared.json()).toMatchObject({ trigger: 'gitlab', projectId: null });
    expect((await create(id, { projectId, trigger: '/Dia' })).json()).toMatchObject({ trigger: 'dia', projectId });
    expect(mm.commands(TEAM).map((c) => [c.trigger, c.display_name])).toEqual([
      ['gitlab', 'GitLab'],
      ['dia', 'GitLab / Diaspora'],
    ]);
  });

  it("refuses a taken trigger with Mattermost's text (409), asking Mattermost only when chatops has none", async () => {
    const id = await connection('main', 'mm-admin-pat');
    mm.addUser({
      id: 'otheradminaaaaaaaaaaaaaaaa',
      username: 'o',
      token: 'other',
      teamIds: [TEAM],
      teamAdminIds: [TEAM],
    });
    await fetch(`${mm.url}/api/v4/commands`, {
      method: 'POST',
      headers: { authorization: 'Bearer other', 'content-type': 'application/json' },
      body: JSON.stringify({ team_id: TEAM, trigger: 'diaspora', method: 'P', url: 'https://elsewhere.example' }),
    });
    const inMattermost = await create(id, { projectId });
    expect([inMattermost.statusCode, inMattermost.json().error]).toEqual([
      409,
      expect.objectContaining({ code: 'conflict', message: TAKEN }),
    ]);
    expect(await database.db.mattermostCommand.count()).toBe(0);

    await create(id, {});
    const asked = mm.requestCount('POST /api/v4/commands');
    const here = await create(id, { trigger: 'GitLab' });
    expect([here.statusCode, here.json().error.message]).toEqual([409, TAKEN]);
    expect(mm.requestCount('POST /api/v4/commands')).toBe(asked);
  });

  it("answers 403 with Mattermost's text when the token may not manage commands or is revoked", async () => {
    const member = await create(await connection('member', 'mm-alice-pat'), { projectId });
    expect([member.statusCode, member.json().error]).toEqual([
      403,
      expect.objectContaining({ code: 'chat_forbidden', message: 'You do not have the appropriate permissions.' }),
    ]);
    const revoked = await call('GET', `/mattermost/connections/${await connection('revoked', 'gone')}/teams`);
    expect([revoked.statusCode, revoked.json().error.message]).toEqual([
      403,
      'Invalid or expired session, please login again.',
    ]);
    expect(mm.commands()).toEqual([]);
    expect(await database.db.mattermostCommand.count()).toBe(0);
  });

  it('answers 502 when Mattermost cannot be reached or fails, 400 for an internal server or without a token, 404 for unknown rows', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const unreachable = await create(await connection('down', 'mm-admin-pat', closed), { projectId });
    expect([unreachable.statusCode, unreachable.json().error.code]).toEqual([502, 'chat_unavailable']);
    expect(unreachable.json().error.message).toMatch(
      new RegExp(`^Could not reach Mattermost at ${closed}: .*ECONNREFUSED`),
    );
    const id = await connection('main', 'mm-admin-pat');
    mm.failNext('POST /api/v4/commands', 1, { status: 500 });
    expect((await create(id, { projectId })).statusCode).toBe(502);
    const internal = await create(await connection('internal', 'mm-admin-pat', 'http://10.1.2.3:8065'), {});
    expect([internal.statusCode, internal.json().error.code]).toEqual([400, 'bad_request']);
    expect(internal.json().error.message).toMatch(/10\.1\.2\.3.*OUTBOUND_ALLOWED_HOSTS/);
    const tokenless = await create(await connection('tokenless', null), {});
    expect([tokenless.statusCode, tokenless.json().error.message]).toEqual([
      400,
      expect.stringMatching(/^Mattermost connection tokenless has no token to create commands with/),
    ]);
    expect((await create('nope', {})).statusCode).toBe(404);
    expect((await create(id, { projectId: 'nope' })).statusCode).toBe(404);
    expect((await create(id, { teamId: 'not a team' })).json().error.details.fields[0].path).toBe('teamId');
    expect(await database.db.mattermostCommand.count()).toBe(0);
  });

  it('deletes a command chatops created in Mattermost there too, and says when Mattermost no longer had it', async () => {
    const id = await connection('main', 'mm-admin-pat');
    const first = (await create(id, {})).json();
    const removed = await call('DELETE', `/mattermost/commands/${first.id}`, undefined, 'gitlab:root');
    expect(removed.json()).toEqual({
      id: first.id,
      trigger: 'gitlab',
      remote: 'deleted',
      message: '/gitlab no longer answers; deleted in Mattermost (main) too',
    });
    expect(mm.commands()).toEqual([]);

    const second = (await create(id, { projectId })).json();
    // Deleted in Mattermost by hand meanwhile.
    await fetch(`${mm.url}/api/v4/commands/${second.remoteId}`, {
      method: 'DELETE',
      headers: { authorization: 'Bearer mm-admin-pat' },
    });
    const gone = await call('DELETE', `/mattermost/commands/${second.id}`);
    expect([gone.statusCode, gone.json().remote]).toEqual([200, 'already_deleted']);
    expect(gone.json().message).toMatch(/Mattermost \(main\) no longer had it/);
    expect(await database.db.mattermostCommand.count()).toBe(0);
    const audit = await database.db.auditEntry.findMany({
      where: { action: 'mattermost_command.delete', target: { in: [first.id, second.id] } },
      orderBy: { createdAt: 'asc' },
    });
    expect(audit.map((e) => [e.actor, (e.details as { remote: string }).remote])).toEqual([
      ['gitlab:root', 'deleted'],
      ['admin-api', 'already_deleted'],
    ]);
  });

  it('keeps the command when Mattermost cannot delete it, unless asked to leave it there', async () => {
    const id = await connection('main', 'mm-admin-pat');
    const command = (await create(id, {})).json();
    mm.failNext('DELETE /api/v4/commands/:id', 1, { status: 503 });
    expect((await call('DELETE', `/mattermost/commands/${command.id}`)).statusCode).toBe(502);
    mm.revokeToken('mm-admin-pat');
    expect((await call('DELETE', `/mattermost/commands/${command.id}`)).statusCode).toBe(403);
    expect(await database.db.mattermostCommand.count()).toBe(1);
    const kept = await call('DELETE', `/mattermost/commands/${command.id}?remote=keep`);
    expect(kept.json()).toMatchObject({ remote: 'kept' });
    expect(mm.commands(TEAM)).toHaveLength(1);
    expect((await call('DELETE', `/mattermost/commands/${command.id}`)).statusCode).toBe(404);
  });
});
