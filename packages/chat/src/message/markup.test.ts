import { markdownLink, parseMarkup, stripMarkup } from './markup';

describe('markup helpers', () => {
  it.each([
    ['', ''],
    ['[label](url)', 'label(url)'],
    ['<url|label>', 'urllabel'],
    ['<a href="url">label</a>', 'a href="url"label/a'],
  ])('stripMarkup(%j) = %j (GitLab SlackMarkdownSanitizer spec)', (input, expected) => {
    expect(stripMarkup(input)).toBe(expected);
  });

  it('builds links whose labels cannot break out', () => {
    expect(markdownLink('a [b] |c', 'https://x.example')).toBe('[a b c](https://x.example)');
  });
});

describe('parseMarkup', () => {
  const all = { markdownLinks: true, htmlLinks: true, mentions: ['U1'] };

  it('splits a text into literal text, links and the mentions asked for', () => {
    expect(parseMarkup('<@U1> see [a](https://a.example) or <a href="https://b.example">b</a> <@U2>', all)).toEqual([
      { kind: 'mention', userId: 'U1' },
      { kind: 'text', text: ' see ' },
      { kind: 'link', label: 'a', url: 'https://a.example' },
      { kind: 'text', text: ' or ' },
      { kind: 'link', label: 'b', url: 'https://b.example' },
      { kind: 'text', text: ' <@U2>' },
    ]);
  });

  it('finds only what the options allow', () => {
    const text = '<@U1> [a](https://a.example)';
    expect(parseMarkup(text, { markdownLinks: false, htmlLinks: false, mentions: [] })).toEqual([
      { kind: 'text', text },
    ]);
  });

  it('gives nothing for an empty text', () => {
    expect(parseMarkup('', all)).toEqual([]);
  });
});
