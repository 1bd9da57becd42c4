import { GroupCommit, perPool } from './group-commit';

/** A statement the test finishes by hand, so it can see which writes went together. */
function manualWrites<T>() {
  const calls: { items: readonly T[]; finish: (error?: Error) => void }[] = [];
  const write = (items: readonly T[]) =>
    new Promise<string[]>((resolve, reject) => {
      calls.push({ items, finish: (error) => (error ? reject(error) : resolve(items.map((item) => `done:${String(item)}`))) });
    });
  return { calls, write };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('runs a lone write at once, alone', async () => {
    const { calls, write } = manualWrites<string>();
    const batcher = new GroupCommit(write, { maxInFlight: 1, maxBatch: 10 });
    const result = batcher.submit('a');
    await settle();
    expect(calls.map((c) => c.items)).toEqual([['a']]);
    calls[0]?.finish();
    await expect(result).resolves.toBe('done:a');
  });

  it('gathers writes made while a statement runs into the next one, each with its own result', async () => {
    const { calls, write } = manualWrites<string>();
    const batcher = new GroupCommit(write, { maxInFlight: 1, maxBatch: 10 });
    const first = batcher.submit('a');
    await settle();
    const later = ['b', 'c', 'd'].map((item) => batcher.submit(item));
    await settle();
    expect(calls).toHaveLength(1);
    calls[0]?.finish();
    await first;
    await settle();
    expect(calls.map((c) => c.items)).toEqual([['a'], ['b', 'c', 'd']]);
    calls[1]?.finish();
    await expect(Promise.all(later)).resolves.toEqual(['done:b', 'done:c', 'done:d']);
  });

  it('starts writes made in the same turn together, and keeps to maxInFlight and maxBatch', async () => {
    const { calls, write } = manualWrites<number>();
    const batcher = new GroupCommit(write, { maxInFlight: 2, maxBatch: 3 });
    const results = Array.from({ length: 8 }, (_, i) => batcher.submit(i));
    await settle();
    expect(calls.map((c) => c.items)).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    calls[0]?.finish();
    await settle();
    expect(calls.map((c) => c.items)[2]).toEqual([6, 7]);
    calls[1]?.finish();
    calls[2]?.finish();
    await expect(Promise.all(results)).resolves.toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => `done:${i}`));
  });

  it('never puts two writes with the same key in one statement, and keeps their order', async () => {
    const { calls, write } = manualWrites<string>();
    const batcher = new GroupCommit(write, { maxInFlight: 1, maxBatch: 10, keyOf: (item) => item.split(':')[0] ?? '' });
    const results = ['x:1', 'y:1', 'x:2', 'z:1', 'x:3'].map((item) => batcher.submit(item));
    await settle();
    expect(calls[0]?.items).toEqual(['x:1', 'y:1', 'z:1']);
    calls[0]?.finish();
    await settle();
    expect(calls[1]?.items).toEqual(['x:2']);
    calls[1]?.finish();
    await settle();
    expect(calls[2]?.items).toEqual(['x:3']);
    calls[2]?.finish();
    await expect(Promise.all(results)).resolves.toHaveLength(5);
  });

  it('runs a failed batch again one write at a time, so only the bad write fails', async () => {
    const statements: string[][] = [];
    const batcher = new GroupCommit(
      async (items: readonly string[]) => {
        statements.push([...items]);
        if (items.includes('bad')) throw new Error(`refused ${items.join(',')}`);
        return items.map((item) => item.toUpperCase());
      },
      { maxInFlight: 1, maxBatch: 10 },
    );
    const results = await Promise.allSettled(['a', 'bad', 'c'].map((item) => batcher.submit(item)));
    expect(results).toEqual([
      { status: 'fulfilled', value: 'A' },
      { status: 'rejected', reason: new Error('refused bad') },
      { status: 'fulfilled', value: 'C' },
    ]);
    expect(statements).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });

  it('fails every write of a statement that answers with the wrong number of results, after trying each alone', async () => {
    const batcher = new GroupCommit(async (items: readonly string[]) => (items.length > 1 ? ['one'] : [...items]), { maxInFlight: 1, maxBatch: 10 });
    await expect(Promise.all(['a', 'b'].map((item) => batcher.submit(item)))).resolves.toEqual(['a', 'b']);
    const broken = new GroupCommit(async () => [] as string[], { maxInFlight: 1, maxBatch: 10 });
    await expect(broken.submit('a')).rejects.toThrow('0 results for 1 writes');
  });

  it('keeps one batcher per pool', () => {
    const batcherFor = perPool((_pool: { name: string }) => new GroupCommit(async (items: readonly string[]) => [...items], { maxInFlight: 1, maxBatch: 1 }));
    const a = { name: 'a' };
    expect(batcherFor(a)).toBe(batcherFor(a));
    expect(batcherFor(a)).not.toBe(batcherFor({ name: 'b' }));
  });
});
