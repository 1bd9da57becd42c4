import { GroupCommit, perPool, type WriteBatchMessage, writeBatchChannel } from './group-commit';

/** A statement the test finishes by hand, so it can see which writes went together. */
function manualWrites<T>() {
  const calls: { items: readonly T[]; finish: (error?: Error) => void }[] = [];
  const write = (items: readonly T[]) =>
    new Promise<string[]>((resolve, reject) => {
      calls.push({
        items,
        finish: (error) => (error ? reject(error) : resolve(items.map((item) => `done:${String(item)}`))),
      });
    });
  return { calls, write };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Stands for PostgreSQL's answer with an error: the statement was not written. */
class RefusedError extends Error {}

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

  it('runs a batch the database refused again one write at a time, within maxInFlight, so only the bad write fails', async () => {
    const statements: string[][] = [];
    let running = 0;
    let mostRunning = 0;
    const batcher = new GroupCommit(
      async (items: readonly string[]) => {
        statements.push([...items]);
        mostRunning = Math.max(mostRunning, ++running);
        await settle();
        running--;
        if (items.includes('bad')) throw new RefusedError(`refused ${items.join(',')}`);
        return items.map((item) => item.toUpperCase());
      },
      { maxInFlight: 2, maxBatch: 10, isRejection: (error) => error instanceof RefusedError },
    );
    const results = await Promise.allSettled(['a', 'bad', 'c', 'd'].map((item) => batcher.submit(item)));
    expect(results).toEqual([
      { status: 'fulfilled', value: 'A' },
      { status: 'rejected', reason: new RefusedError('refused bad') },
      { status: 'fulfilled', value: 'C' },
      { status: 'fulfilled', value: 'D' },
    ]);
    expect(statements).toEqual([['a', 'bad', 'c', 'd'], ['a'], ['bad'], ['c'], ['d']]);
    expect(mostRunning).toBe(2);
  });

  it('fails every write of a batch whose outcome is unknown (not a refusal), without running it again', async () => {
    const statements: string[][] = [];
    const batcher = new GroupCommit(
      async (items: readonly string[]) => {
        statements.push([...items]);
        throw new Error('connection lost');
      },
      { maxInFlight: 1, maxBatch: 10, isRejection: (error) => error instanceof RefusedError },
    );
    const results = await Promise.allSettled(['a', 'b'].map((item) => batcher.submit(item)));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(statements).toEqual([['a', 'b']]);
  });

  it('fails every write of a statement that answers with the wrong number of results, and one whose write throws at once', async () => {
    const short = new GroupCommit(async (items: readonly string[]) => (items.length > 1 ? ['one'] : [...items]), {
      maxInFlight: 1,
      maxBatch: 10,
      isRejection: () => true,
    });
    const results = await Promise.allSettled(['a', 'b'].map((item) => short.submit(item)));
    expect(results).toEqual([
      { status: 'rejected', reason: new Error('group commit: 1 results for 2 writes') },
      { status: 'rejected', reason: new Error('group commit: 1 results for 2 writes') },
    ]);
    const throwing = new GroupCommit<string, string>(
      () => {
        throw new Error('bad arguments');
      },
      { maxInFlight: 1, maxBatch: 10 },
    );
    await expect(throwing.submit('a')).rejects.toThrow('bad arguments');
    // The batcher is not stuck: the next write runs.
    await expect(throwing.submit('b')).rejects.toThrow('bad arguments');
  });

  it('never has two writes with the same key in flight at once, even in separate statements', async () => {
    const { calls, write } = manualWrites<string>();
    const batcher = new GroupCommit(write, { maxInFlight: 2, maxBatch: 10, keyOf: (item) => item.split(':')[0] ?? '' });
    const first = batcher.submit('x:1');
    await settle();
    const second = batcher.submit('x:2');
    const other = batcher.submit('y:1');
    await settle();
    // A slot is free, but x is in flight: only y goes.
    expect(calls.map((c) => c.items)).toEqual([['x:1'], ['y:1']]);
    calls[0]?.finish();
    await first;
    await settle();
    expect(calls.map((c) => c.items)[2]).toEqual(['x:2']);
    calls[1]?.finish();
    calls[2]?.finish();
    await expect(Promise.all([second, other])).resolves.toEqual(['done:x:2', 'done:y:1']);
  });

  it('publishes each statement of a named group commit (writes, outcome) and nothing for an unnamed one', async () => {
    const published: WriteBatchMessage[] = [];
    const onBatch = (message: unknown) => published.push(message as WriteBatchMessage);
    writeBatchChannel.subscribe(onBatch);
    try {
      const write = async (items: readonly string[]) => {
        if (items.includes('bad')) throw new RefusedError('refused');
        return [...items];
      };
      const named = new GroupCommit(write, {
        name: 'plan',
        maxInFlight: 1,
        maxBatch: 10,
        isRejection: (error) => error instanceof RefusedError,
      });
      await Promise.allSettled(['a', 'bad', 'c'].map((item) => named.submit(item)));
      const unnamed = new GroupCommit(write, { maxInFlight: 1, maxBatch: 10 });
      await Promise.all(['x', 'y'].map((item) => unnamed.submit(item)));
      expect(published).toEqual([
        { statement: 'plan', writes: 3, outcome: 'refused' },
        { statement: 'plan', writes: 1, outcome: 'written' },
        { statement: 'plan', writes: 1, outcome: 'failed' },
        { statement: 'plan', writes: 1, outcome: 'written' },
      ]);
    } finally {
      writeBatchChannel.unsubscribe(onBatch);
    }
  });

  it('keeps one batcher per pool', () => {
    const batcherFor = perPool(
      (_pool: { name: string }) =>
        new GroupCommit(async (items: readonly string[]) => [...items], { maxInFlight: 1, maxBatch: 1 }),
    );
    const a = { name: 'a' };
    expect(batcherFor(a)).toBe(batcherFor(a));
    expect(batcherFor(a)).not.toBe(batcherFor({ name: 'b' }));
  });
});
