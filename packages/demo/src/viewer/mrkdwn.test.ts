import { renderMrkdwn } from './mrkdwn';

describe('renderMrkdwn', () => {
  it('renders links, labels with formatting, mentions and specials', () => {
    expect(renderMrkdwn('see <https://gitlab.example/a?x=1&amp;y=2|!11 *Fix it*> now')).toBe(
      'see <a href="https://gitlab.example/a?x=1&amp;y=2" target="_blank" rel="noopener noreferrer">!11 <strong>Fix it</strong></a> now',
    );
    expect(renderMrkdwn('<https://a.example>')).toBe(
      '<a href="https://a.example" target="_blank" rel="noopener noreferrer">https://a.example</a>',
    );
    expect(renderMrkdwn('hi <@U1> in <#C1|dev>, <!here>', new Map([['U1', 'alex']]))).toBe(
      'hi <span class="mention">@alex</span> in <span class="mention">#dev</span>, <span class="mention">@here</span>',
    );
  });

  it('renders bold, italic, strike, code, code blocks, quotes and line breaks', () => {
    expect(renderMrkdwn('*bold* _it_ ~gone~ snake_case_name `a*b*c`')).toBe(
      '<strong>bold</strong> <em>it</em> <del>gone</del> snake_case_name <code>a*b*c</code>',
    );
    expect(renderMrkdwn('```\nconst a = 1 < 2;\n```')).toBe('<pre>const a = 1 &lt; 2;\n</pre>');
    expect(renderMrkdwn('&gt; quoted\nplain :tada: :unknown:')).toBe(
      '<blockquote>quoted</blockquote>plain 🎉 :unknown:',
    );
  });

  it('escapes everything a message could use to inject markup', () => {
    expect(renderMrkdwn('<script>alert(1)</script>')).not.toContain('<script');
    expect(renderMrkdwn('&lt;img src=x onerror=alert(1)&gt;')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(renderMrkdwn('<javascript:alert(1)|click>')).toBe('click');
    expect(renderMrkdwn('<https://x.example/" onmouseover="alert(1)|x>')).toBe(
      '<a href="https://x.example/&quot; onmouseover=&quot;alert(1)" target="_blank" rel="noopener noreferrer">x</a>',
    );
    expect(renderMrkdwn('`<b>` \uE0000\uE000')).toBe('<code>&lt;b&gt;</code> 0');
    expect(renderMrkdwn('<https://a.example|it\'s "q">')).toContain('it&#39;s &quot;q&quot;');
  });
});
