import { rubyInspect } from './ruby-inspect';

describe('rubyInspect', () => {
  it.each([
    ['deploy', '"deploy"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['tab\there\nnl', '"tab\\there\\nnl"'],
    ['\x1b[0m', '"\\e[0m"'],
    ['#{x} #$y #@z #plain', '"\\#{x} \\#$y \\#@z #plain"'],
    ['\x01\x7f', '"\\u0001\\u007F"'],
    ['zero\u200bwidth', '"zero\\u200Bwidth"'],
    ['héllo ✓ 🚀', '"héllo ✓ 🚀"'],
  ])('quotes %j as %s', (text, quoted) => {
    expect(rubyInspect(text)).toBe(quoted);
  });
});
