import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { TEST_ENCRYPTION_KEY } from '../support/infra';

const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);
const SERVICES = ['gateway', 'command-handler', 'notifier', 'incident'];

/** Runs a program of the repository with exactly `env` (plus PATH); never throws. */
async function sh(file: string, args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(file, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? -1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

/** The local suite's scripts: .env, `scripts/services.sh env` and the `./chatops` wrapper. */
describe('local scripts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chatops-scripts-'));
  const dotenv = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('.env.example names every setting the services read', async () => {
    const { code, stdout, stderr } = await sh(process.execPath, ['scripts/lib/settings-digest.js', ...SERVICES], {});
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const names = new Set(stdout.split('\n').flatMap((line) => line.split(' ')[1] ?? []));
    expect(names).toContain('GATEWAY_PORT');
    expect(names).toContain('NOTIFIER_QUEUES');
    const example = readFileSync(resolve(ROOT, '.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^#?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    expect([...names].filter((n) => !documented.has(n))).toEqual([]);
  });

  it('reads .env under the caller’s environment: quotes, comments, export, no expansion', async () => {
    const file = dotenv(
      'quoted.env',
      [
        '# a comment',
        'PUBLIC_URL=https://chat.example.com',
        'export LOG_LEVEL=debug',
        `QUOTED="a b 'c' $HOME"`,
        'KEEP=from-file',
        'FILLED=from-file',
      ].join('\n'),
    );
    const script = `. scripts/lib/dotenv.sh; load_dotenv "$1"; for v in PUBLIC_URL LOG_LEVEL QUOTED KEEP FILLED; do printf '%s=%s\\n' "$v" "\${!v}"; done`;
    const { code, stdout } = await sh('bash', ['-c', script, 'bash', file], { KEEP: 'caller', FILLED: '' });
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toEqual([
      'PUBLIC_URL=https://chat.example.com',
      'LOG_LEVEL=debug',
      `QUOTED=a b 'c' $HOME`,
      'KEEP=caller',
      'FILLED=from-file',
    ]);
  });

  it('scripts/services.sh env exports what the CLI and the admin API examples need, ADMIN_TOKEN included', async () => {
    const file = dotenv(
      'services.env',
      [
        `ENCRYPTION_KEY=${TEST_ENCRYPTION_KEY}`,
        'ADMIN_TOKEN=admin-token-from-dotenv-0123456789',
        'DATABASE_URL=postgresql://u:p@127.0.0.1:5999/chatops',
        'GATEWAY_PORT=3999',
      ].join('\n'),
    );
    const script =
      'eval "$(scripts/services.sh env)" && env | grep -E "^(DATABASE|REDIS|ENCRYPTION|ADMIN|PUBLIC)_" | sort';
    const { code, stdout } = await sh('bash', ['-c', script], { CHATOPS_DOTENV: file });
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toEqual([
      'ADMIN_TOKEN=admin-token-from-dotenv-0123456789',
      'DATABASE_URL=postgresql://u:p@127.0.0.1:5999/chatops',
      `ENCRYPTION_KEY=${TEST_ENCRYPTION_KEY}`,
      'PUBLIC_URL=http://127.0.0.1:3999',
      'REDIS_URL=redis://127.0.0.1:6379',
    ]);
  });

  describe('./chatops', () => {
    let database: TestDatabase;
    let env: Record<string, string>;

    beforeAll(async () => {
      database = await createTestDatabase();
      const file = dotenv(
        'chatops.env',
        [
          `DATABASE_URL=${database.url}`,
          `ENCRYPTION_KEY=${TEST_ENCRYPTION_KEY}`,
          'PUBLIC_URL=https://c.example.com',
        ].join('\n'),
      );
      env = { CHATOPS_DOTENV: file };
    });
    afterAll(async () => {
      await database.drop();
    });

    it('runs the built CLI with the local settings', async () => {
      const args = ['project:add', '--gitlab-id', '7', '--path', 'a/b', '--web-url', 'https://gitlab.example.com/a/b'];
      const { code, stdout } = await sh('./chatops', [...args, '--json'], env);
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ gitlabProjectId: 7, path: 'a/b' });
      const endpoint = await sh('./chatops', ['endpoint:create', '--project', 'a/b', '--signing', 'true'], env);
      expect(endpoint.stdout).toMatch(/^URL: +https:\/\/c\.example\.com\/hooks\/gitlab\/\S+$/m);
      expect(endpoint.stdout).toMatch(/^Signing token: whsec_/m);
    });

    it('says what is wrong in one line and exits 2, with nothing after it', async () => {
      expect(await sh('./chatops', ['endpoint:create', '--project', 'no/such'], env)).toEqual({
        code: 2,
        stdout: '',
        stderr: 'unknown project: no/such\n',
      });
    });
  });
});
