import { markdownLink, neutraliseSlackLinks, stripMarkup } from './markup';

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

  it('neutralises Slack links but leaves other angle brackets', () => {
    expect(neutraliseSlackLinks('click <https://evil.example|here> or a < b > c')).toBe(
      'click &lt;https://evil.example|here&gt; or a < b > c',
    );
  });
});
