import { jsonTextMayHoldUnstorable, storableString, withStorableStrings } from './storable-strings';

const parse = (json: string) => JSON.parse(json) as unknown;

describe('storableString', () => {
  it('replaces NUL and lone surrogates, high or low, with U+FFFD', () => {
    expect(storableString('a\u0000b')).toBe('a\uFFFDb');
    expect(storableString('x\uD800y')).toBe('x\uFFFDy');
    expect(storableString('x\uDC00y')).toBe('x\uFFFDy');
    expect(storableString('\uD800')).toBe('\uFFFD');
    expect(storableString('\uDC00\uD800')).toBe('\uFFFD\uFFFD');
  });

  it('keeps surrogate pairs (emoji) and ordinary text as they are', () => {
    expect(storableString('fix 🚀 now')).toBe('fix 🚀 now');
    expect(storableString('\uD83D\uDE80\uD800')).toBe('🚀\uFFFD');
    expect(storableString('ünïcødé ✓')).toBe('ünïcødé ✓');
  });
});

describe('withStorableStrings', () => {
  it('cleans every string value and key, however nested, in objects and arrays', () => {
    const payload = parse(
      '{"title":"a\\u0000b","k\\ud800":1,"list":["\\udc00",{"deep":["ok","\\u0000"]}],"n":3,"t":true,"z":null}',
    );
    expect(withStorableStrings(payload)).toEqual({
      title: 'a\uFFFDb',
      'k\uFFFD': 1,
      list: ['\uFFFD', { deep: ['ok', '\uFFFD'] }],
      n: 3,
      t: true,
      z: null,
    });
  });

  it('keeps escaped surrogate pairs intact', () => {
    expect(withStorableStrings(parse('{"title":"\\ud83d\\ude80 launch"}'))).toEqual({ title: '🚀 launch' });
  });

  it('returns the same value when there is nothing to replace, copying only what changed', () => {
    const clean = { a: { b: ['x', 1] }, c: 'y' };
    expect(withStorableStrings(clean)).toBe(clean);
    const mixed = { untouched: { b: ['x'] }, dirty: { c: '\u0000' } };
    const cleaned = withStorableStrings(mixed);
    expect(cleaned).not.toBe(mixed);
    expect(cleaned.untouched).toBe(mixed.untouched);
    expect(mixed.dirty.c).toBe('\u0000');
  });

  it('keeps a `__proto__` key as data, never as a prototype', () => {
    const cleaned = withStorableStrings(parse('{"__proto__":{"polluted":"\\u0000"},"x":"\\u0000"}')) as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype);
    expect(Object.keys(cleaned)).toEqual(['__proto__', 'x']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('leaves scalars other than strings alone', () => {
    expect(withStorableStrings(42)).toBe(42);
    expect(withStorableStrings(null)).toBeNull();
    expect(withStorableStrings('\u0000')).toBe('\uFFFD');
  });
});

describe('jsonTextMayHoldUnstorable', () => {
  it('is true for every JSON text that parses into something withStorableStrings changes', () => {
    const texts = [
      '{"a":"x\\u0000y"}',
      '{"a":"\\ud800"}',
      '{"a":"\\uDFFF"}',
      '{"\\u0000key":1}',
      '["\\uDbFf tail"]',
      '{"deep":{"list":[{"t":"\\udc00"}]}}',
    ];
    for (const text of texts) {
      const parsed: unknown = JSON.parse(text);
      expect(withStorableStrings(parsed)).not.toEqual(parsed);
      expect(jsonTextMayHoldUnstorable(text)).toBe(true);
    }
  });

  it('is false for ordinary payloads, raw non-ASCII and emoji included', () => {
    for (const text of [
      '{"title":"Fix \\"quotes\\" and \\\\ backslashes"}',
      '{"emoji":"😀","name":"Zoë","u":"\\u00e9"}',
    ])
      expect(jsonTextMayHoldUnstorable(text)).toBe(false);
  });

  it('may be true for text that only looks like such an escape (then the walk changes nothing)', () => {
    const text = '{"a":"\\\\u0000 is how NUL is written"}';
    expect(jsonTextMayHoldUnstorable(text)).toBe(true);
    const parsed: unknown = JSON.parse(text);
    expect(withStorableStrings(parsed)).toBe(parsed);
  });
});
