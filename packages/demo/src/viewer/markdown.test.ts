import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders links, autolinks, emphasis, code, headings, lists and quotes', () => {
    expect(renderMarkdown('[!11 *Fix it*](https://gitlab.example/mr/11) by **Sam**')).toBe(
      '<a href="https://gitlab.example/mr/11" target="_blank" rel="noopener noreferrer">!11 <em>Fix it</em></a> by <strong>Sam</strong>',
    );
    expect(renderMarkdown('see https://a.example/x, or <https://b.example>')).toBe(
      'see <a href="https://a.example/x" target="_blank" rel="noopener noreferrer">https://a.example/x</a>, or ' +
        '<a href="https://b.example" target="_blank" rel="noopener noreferrer">https://b.example</a>',
    );
    expect(renderMarkdown('### Title\n- one\n> said ~~no~~ _yes_\n`x`')).toBe(
      '<strong class="md-heading">Title</strong><br>• one<br><blockquote>said <del>no</del> <em>yes</em></blockquote><code>x</code>',
    );
    expect(renderMarkdown('```ts\nif (a < b) {}\n```')).toBe('<pre>if (a &lt; b) {}\n</pre>');
  });

  it('escapes everything a post could use to inject markup', () => {
    expect(renderMarkdown('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(renderMarkdown('[click](javascript:void)')).toBe('click');
    expect(renderMarkdown('[x](https://a.example/"onclick="y)')).toBe(
      '<a href="https://a.example/&quot;onclick=&quot;y" target="_blank" rel="noopener noreferrer">x</a>',
    );
    expect(renderMarkdown('[<b>bold</b>](https://a.example)')).toContain('&lt;b&gt;bold&lt;/b&gt;');
  });
});
