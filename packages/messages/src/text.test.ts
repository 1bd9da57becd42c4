import { firstLine, refPath, toSentence } from './text';

describe('message text helpers', () => {
  it('takes the first line', () => {
    expect(firstLine('a\nb')).toBe('a');
    expect(firstLine('')).toBe('');
  });
});

describe('toSentence (Rails Array#to_sentence, as in GitLab messages)', () => {
  it.each<[string[], string]>([
    [[], ''],
    [['#a'], '#a'],
    [['#a', '#b'], '#a and #b'],
    [['#a', '#b', '#c'], '#a, #b, and #c'],
  ])('%j → %j', (words, sentence) => {
    expect(toSentence(words)).toBe(sentence);
  });
});

describe('refPath', () => {
  it('leaves ordinary branch names as they are', () => {
    expect(refPath('feature/x-1_2.3')).toBe('feature/x-1_2.3');
  });

  it('encodes what would end a chat link, segment by segment', () => {
    expect(refPath('fix/<!channel>|a&b (c)')).toBe('fix/%3C!channel%3E%7Ca%26b%20%28c%29');
  });
});
