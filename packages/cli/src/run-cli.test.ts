import { ConfigError } from '@chatops/config';
import { type Db, Prisma } from '@chatops/db';
import { fixturePath } from '@chatops/test-support/fixtures';
import { CommandFailed, defineCommand, UsageError } from './command';
import { type CliContext } from './context';
import { describeUniqueViolation } from './failures';
import { COMMANDS } from './registry';
import { type CliSetup, runCli } from './run-cli';

/** A command that records what it was given and answers as its options say. */
const echo = defineCommand({
  name: 'echo',
  summary: 'Say what it was given',
  options: {
    word: { description: 'a word', required: true },
    other: { description: 'another word', required: true },
    loud: { description: 'shout', type: 'flag' },
    fail: { description: 'usage | failed | config' },
  },
  async run(options, { print }) {
    if (options.fail === 'usage') throw new UsageError('that will not do');
    if (options.fail === 'failed') throw new CommandFailed('2 of 3 went wrong', { ok: false, failed: 2 });
    if (options.fail === 'config')
      throw new ConfigError([
        { variable: 'DATABASE_URL', problem: 'is required but not set' },
        { variable: 'ENCRYPTION_KEY', problem: 'is required but not set' },
      ]);
    const said = options.loud ? options.word?.toUpperCase() : options.word;
    print(`said ${said}`);
    return { said, loud: options.loud ?? false };
  },
});

async function cli(argv: string[], env: Record<string, string> = {}) {
  const commands = [echo, ...COMMANDS];
  const out: string[] = [];
  const err: string[] = [];
  let closed = 0;
  const setup: CliSetup = {
    commands,
    createContext: (_env, print) => ({
      ...({} as Omit<CliContext, 'print'>),
      // Commands under test here never reach the database or the queues.
      db: {} as Db,
      print,
      close: async () => void closed++,
    }),
  };
  const code = await runCli(argv, { env, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) }, setup);
  return { code, stdout: out.join(''), stderr: err.join(''), closed };
}

describe('runCli', () => {
  it('lists every command, and shows one command’s options with --help or help <command>', async () => {
    const all = await cli([]);
    expect(all.code).toBe(0);
    for (const c of COMMANDS) expect(all.stdout).toContain(`  ${c.name} `);
    const help = await cli(['endpoint:create', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: chatops endpoint:create \[options\]\n/);
    expect(help.stdout).toMatch(/\n {2}--project <value> +project path or alias \(required\)\n/);
    expect(help.stdout).toMatch(/\n {2}--signing +also create a signing token/);
    expect(help.stdout).toMatch(/\n {2}--json +print the result as JSON/);
    expect((await cli(['help', 'endpoint:create'])).stdout).toBe(help.stdout);
    expect(help.closed).toBe(0);
  });

  it('describes the commands as JSON with help --json', async () => {
    const { code, stdout } = await cli(['help', '--json']);
    expect(code).toBe(0);
    const catalogue = JSON.parse(stdout) as Array<{ name: string; options: Array<{ name: string; type: string }> }>;
    expect(catalogue.map((c) => c.name)).toEqual(['echo', ...COMMANDS.map((c) => c.name)]);
    expect(catalogue.find((c) => c.name === 'endpoint:create')?.options).toContainEqual(
      expect.objectContaining({ name: 'signing', type: 'flag' }),
    );
  });

  it('reports every missing option, unknown option and missing value at once, with exit code 2', async () => {
    const { code, stdout, stderr, closed } = await cli(['echo', '--bogus', 'x', '--word', '--nope']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n\n')[0]?.split('\n')).toEqual([
      'unknown options: --bogus, --nope',
      '--word needs a value',
      'missing --other',
    ]);
    expect(stderr).toContain('usage: chatops echo [options]');
    expect(closed).toBe(0);
    expect((await cli(['project:add'])).stderr).toMatch(/^missing --gitlab-id, --path, --web-url\n/);
  });

  it('refuses stray arguments and unknown commands', async () => {
    expect((await cli(['echo', '--word', 'a', '--other', 'b', 'extra'])).stderr).toMatch(/^unexpected argument: extra/);
    const unknown = await cli(['nosuch']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^unknown command: nosuch\n\nusage: chatops <command>/);
  });

  it.each<[string[], boolean | undefined]>([
    [[], undefined],
    [['--loud'], true],
    [['--loud', 'true'], true],
    [['--loud', 'yes'], true],
    [['--loud=on'], true],
    [['--loud', 'no'], false],
    [['--loud=false'], false],
    [['--no-loud'], false],
  ])('reads the flag in %j as %s', async (flag, expected) => {
    const { code, stdout } = await cli(['echo', '--word', 'hi', '--other', 'x', ...flag, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ said: expected ? 'HI' : 'hi', loud: expected ?? false });
  });

  it('refuses a flag word that is not yes or no', async () => {
    const { code, stderr } = await cli(['echo', '--word', 'hi', '--other', 'x', '--loud', 'maybe']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^--loud takes yes or no \(true\/false\), not "maybe"\n/);
  });

  it('prints text, or with --json only the result, and closes what it opened', async () => {
    const text = await cli(['echo', '--word', 'hi', '--other', 'x']);
    expect(text).toEqual({ code: 0, stdout: 'said hi\n', stderr: '', closed: 1 });
    const json = await cli(['--json', 'echo', '--word', 'hi', '--other', 'x']);
    expect(json.stdout).toBe('{\n  "said": "hi",\n  "loud": false\n}\n');
    expect(json.closed).toBe(1);
  });

  it('exits 2 on a usage error and 1 on a failure, as one JSON line on stderr with --json', async () => {
    const base = ['echo', '--word', 'a', '--other', 'b', '--fail'];
    expect(await cli([...base, 'usage'])).toMatchObject({ code: 2, stdout: '', stderr: 'that will not do\n' });
    expect(await cli([...base, 'usage', '--json'])).toMatchObject({
      code: 2,
      stderr: '{"error":{"code":"usage","message":"that will not do"}}\n',
    });
    expect(await cli([...base, 'failed'])).toMatchObject({ code: 1, stdout: '', stderr: '2 of 3 went wrong\n' });
    const failed = await cli([...base, 'failed', '--json']);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toEqual({ ok: false, failed: 2 });
    expect(JSON.parse(failed.stderr)).toEqual({ error: { code: 'failed', message: '2 of 3 went wrong' } });
  });

  it('names each missing variable and prints the line that sets them', async () => {
    const { code, stdout, stderr } = await cli(['echo', '--word', 'a', '--other', 'b', '--fail', 'config']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toEqual([
      'chatops: the environment is not set up:',
      '  DATABASE_URL: is required but not set',
      '  ENCRYPTION_KEY: is required but not set',
      'For the suite `make start` runs, use ./chatops (it reads the same settings), or set them in this shell:',
      '  eval "$(scripts/services.sh env)"',
      'Elsewhere, give the values the services use:',
      '  export DATABASE_URL=postgresql://USER:PASSWORD@HOST:5432/chatops',
      "  export ENCRYPTION_KEY=...   # the services' key: 64 hex characters or base64",
      '',
    ]);
  });

  it('gives the advice ./chatops passes instead, when it passes one', async () => {
    const hint = './chatops found no local settings yet: run make start once';
    const { stderr } = await cli(['echo', '--word', 'a', '--other', 'b', '--fail', 'config'], {
      CHATOPS_CONFIG_HINT: hint,
    });
    expect(stderr.trim().split('\n').slice(-2)).toEqual(['  ENCRYPTION_KEY: is required but not set', hint]);
  });

  it('renders with --json as without (the body is JSON already)', async () => {
    const args = ['render', '--provider', 'slack', '--event', 'Push Hook', fixturePath('push.json')];
    const text = await cli(args);
    const json = await cli([...args, '--json']);
    expect(text.code).toBe(0);
    expect(json.stdout).toBe(text.stdout);
    expect(JSON.parse(json.stdout)).toMatchObject({ text: expect.stringContaining('John Smith pushed to branch') });
  });

  it('checks integration:create options that depend on each other before touching the database', async () => {
    const { code, stderr } = await cli([
      'integration:create',
      '--project',
      'p',
      '--name',
      'n',
      '--destination',
      'mattermost_bot',
      '--events',
      'push,bogus',
      '--pipelines',
      'some',
    ]);
    expect(code).toBe(2);
    expect(stderr.split('\n\n')[0]?.split('\n')).toEqual([
      '--connection is required for mattermost_bot',
      'unknown events: bogus',
      '--channel is required for bot destinations',
      '--pipelines must be broken, all or changes',
    ]);
  });
});

describe('describeUniqueViolation', () => {
  const violation = (meta: Record<string, unknown>) =>
    new Prisma.PrismaClientKnownRequestError('Unique constraint failed', { code: 'P2002', clientVersion: '6', meta });

  it('names the kind of thing and the fields that clash, as the pg driver adapter reports them', () => {
    const adapter = (index: string, modelName: string) =>
      violation({ modelName, driverAdapterError: { cause: { constraint: { index } } } });
    expect(describeUniqueViolation(adapter('MattermostConnection_name_key', 'MattermostConnection'))).toBe(
      'a Mattermost connection with this name already exists',
    );
    expect(describeUniqueViolation(adapter('Integration_projectId_name_key', 'Integration'))).toBe(
      'an integration with this project and name already exists',
    );
    expect(describeUniqueViolation(violation({ modelName: 'Project', target: ['pathWithNamespace'] }))).toBe(
      'a project with this path already exists',
    );
  });

  it('leaves other errors alone', () => {
    expect(describeUniqueViolation(new Error('P2002'))).toBeUndefined();
  });
});
