import { escapeSlackText, slackText } from './slack-text';

const links = (text: string) => slackText(text, { links: true });

describe('slackText with links (GitLab LinkFormatter)', () => {
  it.each([
    ['[Compare changes](https://x.example/a...b)', '<https://x.example/a...b|Compare changes>'],
    [
      'see [docs](http://d.example/p?q=1#f) and [mail](mailto:a@b.example)',
      'see <http://d.example/p?q=1#f|docs> and <mailto:a@b.example|mail>',
    ],
    ['[](https://x.example)', '<https://x.example>'],
    ['[wiki](https://x.example/Page_(disambiguation))', '<https://x.example/Page_(disambiguation)|wiki>'],
    ['<a href="https://x.example">label</a>', '<https://x.example|label>'],
    ["<a class='c' href='https://x.example/y'>y</a>", '<https://x.example/y|y>'],
    ['[project_path_with_namespace](project_web_url)', '[project_path_with_namespace](project_web_url)'],
    ['Just another *markdown* message', 'Just another *markdown* message'],
  ])('%s', (input, expected) => {
    expect(links(input)).toBe(expected);
  });
});

describe('slackText escapes everything that is not a link', () => {
  it.each([
    ['<!channel> <!here> <!everyone>', '&lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt;'],
    [
      '<@U123> <@W1|bob> <!subteam^S1> <#C1|general>',
      '&lt;@U123&gt; &lt;@W1|bob&gt; &lt;!subteam^S1&gt; &lt;#C1|general&gt;',
    ],
    ['<https://evil.example|GitLab>', '&lt;https://evil.example|GitLab&gt;'],
    ['R&D, a < b > c, &lt; as typed', 'R&amp;D, a &lt; b &gt; c, &amp;lt; as typed'],
    ['> quoted', '&gt; quoted'],
  ])('%s', (input, expected) => {
    expect(links(input)).toBe(expected);
  });

  it('escapes link labels but keeps our links working', () => {
    expect(links('[R&D <!here>](https://x.example/a?b=1&c=2) & more')).toBe(
      '<https://x.example/a?b=1&c=2|R&amp;D &lt;!here&gt;> &amp; more',
    );
    expect(links('<a href="https://x.example">a <b>bold</b> & co</a>')).toBe(
      '<https://x.example|a &lt;b&gt;bold&lt;/b&gt; &amp; co>',
    );
  });

  it('does not take an HTML link whose URL is not http(s) or mailto, or would break out of the link', () => {
    expect(links('<a href="javascript:alert(1)">x</a>')).toBe('&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;');
    expect(links('<a href="https://x.example|<!channel>">x</a>')).toBe(
      '&lt;a href="https://x.example|&lt;!channel&gt;"&gt;x&lt;/a&gt;',
    );
  });

  it('converts no link without `links`', () => {
    expect(slackText('[a](https://x.example) <b>', { links: false })).toBe('[a](https://x.example) &lt;b&gt;');
  });

  it('keeps only the mentions the message names', () => {
    expect(slackText('<@U1>: <@U2> <!channel>', { links: false, mentions: ['U1'] })).toBe(
      '<@U1>: &lt;@U2&gt; &lt;!channel&gt;',
    );
  });

  it('escapes exactly the three characters Slack reserves', () => {
    expect(escapeSlackText('&<>"\'|*_~`')).toBe('&amp;&lt;&gt;"\'|*_~`');
  });
});
