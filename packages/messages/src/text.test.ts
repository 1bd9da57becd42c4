import { firstLine, toSentence } from './text';

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
