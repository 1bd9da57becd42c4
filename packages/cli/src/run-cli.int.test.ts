import { saveSlackInstallation, SecretBox } from '@chatops/db';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { TEST_ENCRYPTION_KEY } from '@chatops/test-support/infra';
import { LazyCliContext } from './context';
import { COMMANDS } from './registry';
import { runCli } from './run-cli';

/** The CLI in-process, as operators run it, against a database of its own. */
describe('chatops against a database', () => {
  let database: TestDatabase;
  let env: Record<string, string>;

  async function chatops(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      argv,
      { env, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) },
      { commands: COMMANDS, createContext: (e, print) => new LazyCliContext(e, print) },
    );
    return { code, stdout: out.join(''), stderr: err.join('') };
  }
  const json = async (...argv: string[]) => {
    const result = await chatops(...argv, '--json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    env = {
      DATABASE_URL: database.url,
      ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      PUBLIC_URL: 'https://chatops.example.com',
    };
    await saveSlackInstallation(database.db, new SecretBox(Buffer.from(TEST_ENCRYPTION_KEY, 'hex')), {
      teamId: 'T1',
      teamName: 'Acme',
      botUserId: 'UBOT',
      botToken: 'xoxb-1',
      scopes: ['chat:write'],
    });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('registers a project and prints it as JSON, with no secret in it', async () => {
    const project = await json(
      'project:add',
      '--gitlab-id',
      '15',
      '--path',
      'mike/diaspora',
      '--web-url',
      'https://gitlab.example.com/mike/diaspora',
      '--api-token',
      'glpat-secret',
    );
    expect(project).toEqual({
      id: expect.any(String),
      gitlabProjectId: 15,
      path: 'mike/diaspora',
      name: 'diaspora',
      webUrl: 'https://gitlab.example.com/mike/diaspora',
      defaultBranch: 'main',
      apiToken: true,
    });
  });

  it('says which project holds a path another GitLab project asks for', async () => {
    const { id } = await database.db.project.findUniqueOrThrow({ where: { gitlabProjectId: 15 } });
    const { code, stdout, stderr } = await chatops(
      'project:add',
      '--gitlab-id',
      '16',
      '--path',
      'mike/diaspora',
      '--web-url',
      'https://gitlab.example.com/mike/diaspora',
    );
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe(`project mike/diaspora already exists with --gitlab-id 15 (id ${id})\n`);
  });

  it('creates an integration, and says which one exists when the name is taken', async () => {
    const args = ['integration:create', '--project', 'mike/diaspora', '--name', 'ci', '--team-id', 'T1'];
    const created = await json(...args, '--channel', 'general', '--events', 'push,pipeline', '--threading', 'off');
    expect(created).toEqual({
      id: expect.any(String),
      project: 'mike/diaspora',
      name: 'ci',
      destination: 'slack_bot',
      defaultChannel: 'general',
      routes: [
        { event: 'push', channels: [] },
        { event: 'pipeline', channels: [] },
      ],
    });
    expect(await database.db.integration.findUniqueOrThrow({ where: { id: created.id as string } })).toMatchObject({
      threading: false,
    });

    const again = await chatops(...args, '--channel', 'other');
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      `integration ci already exists on mike/diaspora (id ${String(created.id)}); choose another --name\n`,
    );
    const listed = (await json('integration:list')) as unknown as Array<Record<string, unknown>>;
    expect(listed).toEqual([expect.objectContaining({ id: created.id, name: 'ci', active: true })]);
  });

  it('accepts --signing true like yes, and returns the tokens once, as JSON', async () => {
    const text = await chatops('endpoint:create', '--project', 'mike/diaspora', '--signing', 'true');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Signing token: whsec_/m);
    const endpoint = await json('endpoint:create', '--project', 'mike/diaspora', '--signing');
    expect(endpoint).toEqual({
      id: expect.any(String),
      project: 'mike/diaspora',
      scope: 'project',
      url: `https://chatops.example.com/hooks/gitlab/${String(endpoint.id)}`,
      secretToken: expect.any(String),
      signingToken: expect.stringMatching(/^whsec_/),
    });
    expect((await json('endpoint:create', '--project', 'mike/diaspora', '--no-signing')).signingToken).toBeNull();
  });

  it('says which Mattermost command holds a trigger or a token', async () => {
    await json('mattermost:connection:add', '--name', 'main', '--url', 'https://mm.example.com');
    const args = ['mattermost:command:add', '--connection', 'main', '--team', 'team1'];
    const first = await json(...args, '--trigger', 'gitlab', '--token', 'tok-1');
    expect(first).toEqual({
      id: expect.any(String),
      connection: 'main',
      teamId: 'team1',
      trigger: 'gitlab',
      project: null,
    });
    expect((await chatops(...args, '--trigger', '/gitlab', '--token', 'tok-2')).stderr).toBe(
      `mattermost command /gitlab already exists for team team1 on main (id ${String(first.id)})\n`,
    );
    expect((await chatops(...args, '--trigger', 'gl', '--token', 'tok-1')).stderr).toBe(
      `that token already belongs to mattermost command /gitlab of team team1 (id ${String(first.id)})\n`,
    );
  });

  describe('URLs at internal addresses', () => {
    const REFUSAL = 'chatops refuses internal targets unless OUTBOUND_ALLOWED_HOSTS allows them';

    it.each([
      ['http://127.0.0.1:8065', 'a loopback address (127.0.0.1)'],
      ['http://localhost:8065', 'a loopback address (localhost)'],
      ['http://[::1]:8065', 'a loopback address (::1)'],
      ['http://2130706433', 'a loopback address (127.0.0.1)'],
      ['http://0x7f000001', 'a loopback address (127.0.0.1)'],
      ['http://127.1', 'a loopback address (127.0.0.1)'],
      ['http://[::ffff:127.0.0.1]', 'a loopback address (::ffff:7f00:1)'],
      ['http://169.254.169.254', 'a link-local address (169.254.169.254)'],
      ['https://10.1.2.3', 'a private address (10.1.2.3)'],
    ])('mattermost:connection:add refuses --url %s', async (url, what) => {
      const result = await chatops('mattermost:connection:add', '--name', 'internal', '--url', url);
      expect(result).toEqual({ code: 2, stdout: '', stderr: `--url points at ${what}; ${REFUSAL}\n` });
      expect(await database.db.mattermostConnection.findUnique({ where: { name: 'internal' } })).toBeNull();
    });

    it('integration:create refuses a --webhook-url at an internal address', async () => {
      const result = await chatops(
        'integration:create',
        '--project',
        'mike/diaspora',
        '--name',
        'metadata',
        '--destination',
        'slack_webhook',
        '--webhook-url',
        'http://169.254.169.254/latest/meta-data',
      );
      expect(result).toEqual({
        code: 2,
        stdout: '',
        stderr: `--webhook-url points at a link-local address (169.254.169.254); ${REFUSAL}\n`,
      });
    });

    it('lets through what OUTBOUND_ALLOWED_HOSTS allows', async () => {
      const saved = env;
      env = { ...env, OUTBOUND_ALLOWED_HOSTS: 'mattermost.internal,10.0.0.0/8' };
      try {
        expect(
          await json('mattermost:connection:add', '--name', 'private', '--url', 'https://10.1.2.3:8065'),
        ).toMatchObject({
          url: 'https://10.1.2.3:8065',
        });
        const webhook = await chatops(
          ...['integration:create', '--project', 'mike/diaspora', '--name', 'private-hook'],
          ...['--destination', 'mattermost_webhook', '--webhook-url', 'http://mattermost.internal/hooks/x'],
        );
        expect(webhook).toMatchObject({ code: 0, stderr: '' });
        expect((await chatops('mattermost:connection:add', '--name', 'p2', '--url', 'http://192.168.1.1')).stderr).toBe(
          `--url points at a private address (192.168.1.1); ${REFUSAL}\n`,
        );
      } finally {
        env = saved;
      }
    });
  });
});
