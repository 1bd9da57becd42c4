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

  it('peeks at fresh entries and cached misses without loading anything', async () => {
    const c = cache();
    expect(c.peek('a')).toBeUndefined();
    await c.get('a');
    await c.get('nope');
    expect(c.peek('a')).toEqual(endpoint('a'));
    expect(c.peek('nope')).toBeNull();
    now = 101;
    expect(c.peek('nope')).toBeUndefined();
    now = 1001;
    expect(c.peek('a')).toBeUndefined();
    c.clear();
    expect(c.peek('a')).toBeUndefined();
    expect(loads).toEqual(['a', 'nope']);
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

describe('TtlCache loads', () => {
  let now = 0;
  let failing = false;
  let loads = 0;
  const load = async (id: string) => {
    loads += 1;
    await new Promise((resolve) => setImmediate(resolve));
    if (failing) throw new Error('database unavailable');
    return { id, loadedAt: now };
  };
  const cache = (staleIfErrorMs?: number) =>
    new TtlCache(load, { ttlMs: 1000, missTtlMs: 100, maxEntries: 10, staleIfErrorMs, now: () => now });

  beforeEach(() => {
    now = 0;
    failing = false;
    loads = 0;
  });

  it('shares one load between concurrent reads of a key', async () => {
    const c = cache();
    const values = await Promise.all([c.get('a'), c.get('a'), c.get('a')]);
    expect(values).toEqual([values[0], values[0], values[0]]);
    expect(loads).toBe(1);
  });

  it('fails a read when the reload fails and no stale value may stand in', async () => {
    const c = cache();
    await c.get('a');
    now = 1001;
    failing = true;
    await expect(c.get('a')).rejects.toThrow('database unavailable');
  });

  it('answers with the last value while reloads fail, for staleIfErrorMs after it was loaded', async () => {
    const c = cache(60_000);
    expect(await c.get('a')).toEqual({ id: 'a', loadedAt: 0 });
    failing = true;
    now = 1001;
    expect(await c.get('a')).toEqual({ id: 'a', loadedAt: 0 });
    // Kept for missTtlMs: no query per read while the database is down.
    expect(await c.get('a')).toEqual({ id: 'a', loadedAt: 0 });
    expect(loads).toBe(2);
    now = 60_001;
    await expect(c.get('a')).rejects.toThrow('database unavailable');
    failing = false;
    expect(await c.get('a')).toEqual({ id: 'a', loadedAt: 60_001 });
  });

  it('never serves a stale value for a key it has not loaded', async () => {
    const c = cache(60_000);
    failing = true;
    await expect(c.get('b')).rejects.toThrow('database unavailable');
  });

  it('does not keep a value read before clear()', async () => {
    const c = cache();
    const before = c.get('a');
    c.clear();
    now = 5;
    await before;
    expect(await c.get('a')).toEqual({ id: 'a', loadedAt: 5 });
    expect(loads).toBe(2);
  });
});

describe('TtlCache.clear', () => {
  it('makes the next read load again, and keeps the value only as a stand-in when that load fails', async () => {
    let now = 0;
    let failing = false;
    let loads = 0;
    const c = new TtlCache(
      async (id: string) => {
        loads += 1;
        if (failing) throw new Error('database unavailable');
        return { id, loads };
      },
      { ttlMs: 60_000, missTtlMs: 100, maxEntries: 10, staleIfErrorMs: 600_000, now: () => now },
    );
    expect(await c.get('a')).toEqual({ id: 'a', loads: 1 });
    c.clear();
    expect(await c.get('a')).toEqual({ id: 'a', loads: 2 });
    c.clear();
    failing = true;
    now = 10;
    expect(await c.get('a')).toEqual({ id: 'a', loads: 2 });
  });
});
