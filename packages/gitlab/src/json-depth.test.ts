import { mayNestDeeperThan, nestsDeeperThan } from './json-depth';

describe('nestsDeeperThan', () => {
  const nested = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;

  it('measures objects and arrays alike', () => {
    expect(nestsDeeperThan({ a: { b: [1, { c: 2 }] } }, 4)).toBe(false);
    expect(nestsDeeperThan({ a: { b: [1, { c: {} }] } }, 4)).toBe(true);
    expect(nestsDeeperThan('text', 0)).toBe(false);
  });

  it('survives nesting that would overflow a recursive walk', () => {
    expect(nestsDeeperThan(nested(200_000), 64)).toBe(true);
    expect(nestsDeeperThan(nested(64), 64)).toBe(false);
  });
});

describe('mayNestDeeperThan', () => {
  const text = (s: string) => Buffer.from(s, 'utf8');

  it('is false when the text opens no more objects and arrays than the limit', () => {
    expect(mayNestDeeperThan(text('{"a":{"b":[1,{"c":2}]}}'), 4)).toBe(false);
    expect(mayNestDeeperThan(text('{"a":1}'), 1)).toBe(false);
  });

  it('is true past the limit, counting both brackets, and brackets inside strings too', () => {
    expect(mayNestDeeperThan(text('{"a":{"b":[1,{"c":{}}]}}'), 4)).toBe(true);
    expect(mayNestDeeperThan(text('{"t":"[[[["}'), 4)).toBe(true);
    // Never false where the walk would say too deep.
    const deep = '['.repeat(65) + ']'.repeat(65);
    expect(nestsDeeperThan(JSON.parse(deep), 64)).toBe(true);
    expect(mayNestDeeperThan(text(deep), 64)).toBe(true);
  });
});
