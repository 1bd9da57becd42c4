import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { fixturePath } from '../support/fixtures';

const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);

/** `pnpm chatops render …` as operators run it: no database, no configuration. */
async function render(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [resolve(ROOT, 'packages/cli/dist/main.js'), 'render', ...args],
      { env: { PATH: process.env.PATH ?? '' } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? -1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

describe('chatops render', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chatops-render-'));
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('prints the exact Slack body for a push', async () => {
    const { code, stdout } = await render(['--provider', 'slack', '--event', 'Push Hook', fixturePath('push.json')]);
    expect(code).toBe(0);
    const body = JSON.parse(stdout) as { text: string; attachments: Array<{ text: string; color: string }> };
    expect(body.text).toBe(
      'John Smith pushed to branch <http://example.com/mike/diaspora/-/commits/master|master> of <http://example.com/mike/diaspora|Mike / Diaspora> ' +
        '(<http://example.com/mike/diaspora/-/compare/95790bf891e76fee5e1747ab589903a6a1f80f22...da1560886d4f094c3e6c9ef40349f7d38b5d27d7|Compare changes>)',
    );
    expect(body.attachments[0]?.color).toBe('#334455');
  });

  it('prints markdown for Mattermost', async () => {
    const { code, stdout } = await render([
      '--provider',
      'mattermost',
      '--event',
      'Push Hook',
      fixturePath('push.json'),
    ]);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { text: string }).text).toMatch(
      /^John Smith pushed to branch \[master\]\(http:\/\/example\.com\/mike\/diaspora\/-\/commits\/master\) of /,
    );
  });

  it('prints null for an event that sends nothing', async () => {
    const { code, stdout } = await render([
      '--provider',
      'slack',
      '--event',
      'Emoji Hook',
      file('emoji.json', '{"object_kind":"emoji"}'),
    ]);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('null');
  });

  it.each<[string, string[]]>([
    ['a payload of the wrong shape', ['--provider', 'slack', '--event', 'Push Hook', 'BAD_SHAPE']],
    ['a file that is not JSON', ['--provider', 'slack', '--event', 'Push Hook', 'NOT_JSON']],
    ['a missing file', ['--provider', 'slack', '--event', 'Push Hook', '/nonexistent/payload.json']],
    ['an unknown event', ['--provider', 'slack', '--event', 'Bogus Hook', 'BAD_SHAPE']],
    ['an unknown provider', ['--provider', 'teams', '--event', 'Push Hook', 'BAD_SHAPE']],
  ])('answers %s with one line on stderr and exit code 2', async (_label, args) => {
    const paths: Record<string, string> = {
      BAD_SHAPE: file('bad.json', '{"object_kind":"push","ref":"refs/heads/x"}'),
      NOT_JSON: file('text.json', 'hello'),
    };
    const { code, stdout, stderr } = await render(args.map((a) => paths[a] ?? a));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
