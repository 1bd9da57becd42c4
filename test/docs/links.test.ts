import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/** The pages readers follow links between: the README, docs/ and the deployment notes. */
const PAGES = [
  'README.md',
  'deploy/README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
  for (const [, heading] of withoutCode.matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
    const slug = (heading ?? '')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** Every relative link of a page, `[text](target)`, outside code blocks and code spans. */
function linksOf(markdown: string): string[] {
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '``');
  return [...withoutCode.matchAll(/\]\(([^)\s]+)\)/g)]
    .map(([, target]) => target ?? '')
    .filter((target) => !/^[a-z]+:/i.test(target));
}

describe('documentation links', () => {
  it.each(PAGES)('%s: every relative link leads to a file, and every anchor to a heading', (page) => {
    const markdown = readFileSync(join(ROOT, page), 'utf8');
    const broken = linksOf(markdown).filter((target) => {
      const [path = '', anchor] = target.split('#');
      const file = path === '' ? join(ROOT, page) : resolve(dirname(join(ROOT, page)), path);
      if (!existsSync(file)) return true;
      if (anchor === undefined || !file.endsWith('.md')) return false;
      return !anchorsOf(readFileSync(file, 'utf8')).has(anchor);
    });
    expect({ page, broken }).toEqual({ page, broken: [] });
  });

  it('finds anchors the way GitHub makes them', () => {
    const anchors = anchorsOf(
      '# Getting started\n## 2. Real Slack\n## `POST /slack/commands`, `POST /x`\n## Notes\n## Notes\n',
    );
    expect([...anchors]).toEqual(['getting-started', '2-real-slack', 'post-slackcommands-post-x', 'notes', 'notes-1']);
    expect(relative(ROOT, join(ROOT, PAGES[0] ?? ''))).toBe('README.md');
  });
});
