import { breakMattermostMentions, mattermostText } from './mattermost-text';

const WJ = '\u2060';

describe('breakMattermostMentions', () => {
  it.each([
    ['@channel @all @here', `@${WJ}channel @${WJ}all @${WJ}here`],
    ['@Channel @ALL @Here', `@${WJ}Channel @${WJ}ALL @${WJ}Here`],
    // Mattermost also finds these: after punctuation, and with a trailing . - _ :
    ['x.@here, (@all) @channel: @here_ @all.', `x.@${WJ}here, (@${WJ}all) @${WJ}channel: @${WJ}here_ @${WJ}all.`],
  ])('%j', (input, expected) => {
    expect(breakMattermostMentions(input)).toBe(expected);
  });

  it('leaves other @words alone', () => {
    expect(breakMattermostMentions('@channels @allison @here2 @everyone a@b.example')).toBe(
      '@channels @allison @here2 @everyone a@b.example',
    );
  });

  it('reads the same once the invisible joiner is gone', () => {
    const text = 'ping @here and @all';
    expect(breakMattermostMentions(text).replaceAll(WJ, '')).toBe(text);
  });
});

describe('mattermostText', () => {
  it('keeps markdown links, breaking mentions in labels but never touching the URL', () => {
    expect(mattermostText('[@here](https://g.example/-/commits/@here) @all')).toBe(
      `[@${WJ}here](https://g.example/-/commits/@here) @${WJ}all`,
    );
  });

  it('leaves Slack syntax alone: Mattermost does not read it', () => {
    expect(mattermostText('<!channel> <@U1> <https://evil.example|x> R&D')).toBe(
      '<!channel> <@U1> <https://evil.example|x> R&D',
    );
  });
});
