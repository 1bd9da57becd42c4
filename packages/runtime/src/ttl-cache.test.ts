import { TtlCache } from './ttl-cache';

const endpoint = (id: string) => ({ id });

describe('TtlCache', () => {
  let now = 0;
  let loads: string[];
  const known = new Map([
    ['a', endpoint('a')],
    ['b', endpoint('b')],
    ['c', endpoint('c')],
  ]);
  const cache = () =>
    new TtlCache(
      async (id) => {
        loads.push(id);
        return known.get(id) ?? null;
      },
      { ttlMs: 1000, missTtlMs: 100, maxEntries: 2, now: () => now },
    );

  beforeEach(() => {
    now = 0;
    loads = [];
  });

  it('serves repeated lookups from memory until the entry expires', async () => {
    const c = cache();
    expect(await c.get('a')).toEqual(endpoint('a'));
    expect(await c.get('a')).toEqual(endpoint('a'));
    expect(loads).toEqual(['a']);
    now = 1001;
    await c.get('a');
    expect(loads).toEqual(['a', 'a']);
  });

  it('loads everything again once cleared', async () => {
    const c = cache();
    await c.get('a');
    await c.get('b');
    c.clear();
    await c.get('a');
    await c.get('b');
    expect(loads).toEqual(['a', 'b', 'a', 'b']);
  });

  it('remembers unknown ids only briefly', async () => {
    const c = cache();
    expect(await c.get('zzz')).toBeNull();
    expect(await c.get('zzz')).toBeNull();
    expect(loads).toEqual(['zzz']);
    now = 101;
    await c.get('zzz');
    expect(loads).toEqual(['zzz', 'zzz']);
  });

  it('evicts the oldest entry when full', async () => {
    const c = cache();
    await c.get('a');
    await c.get('b');
    await c.get('c');
    await c.get('b');
    await c.get('a');
    expect(loads).toEqual(['a', 'b', 'c', 'a']);
  });
});
