import { formatSlackLinks } from './link-formatter';

describe('formatSlackLinks', () => {
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
    expect(formatSlackLinks(input)).toBe(expected);
  });
});
