import { EndpointActivity } from './endpoint-activity';

describe('EndpointActivity', () => {
  let now = 0;
  let writes: Array<[string, number]>;
  let errors: Array<[unknown, string]>;
  const activity = (options: { fail?: boolean; maxEntries?: number } = {}) =>
    new EndpointActivity({
      intervalMs: 60_000,
      now: () => now,
      write: async (id, at) => {
        writes.push([id, at.getTime()]);
        if (options.fail) throw new Error('database down');
      },
      onError: (error, id) => errors.push([error, id]),
      ...(options.maxEntries ? { maxEntries: options.maxEntries } : {}),
    });

  beforeEach(() => {
    now = 1_000_000;
    writes = [];
    errors = [];
  });

  it('writes at most once a minute per endpoint, whatever the rate of events', async () => {
    const recorder = activity();
    for (let i = 0; i < 130; i++) {
      recorder.record('a');
      now += 500;
    }
    recorder.record('b');
    await recorder.flush();
    expect(writes).toEqual([
      ['a', 1_000_000],
      ['a', 1_060_000],
      ['b', 1_065_000],
    ]);
  });

  it('reports a failed write and waits for the next interval instead of retrying at once', async () => {
    const recorder = activity({ fail: true });
    recorder.record('a');
    recorder.record('a');
    await recorder.flush();
    expect(writes).toHaveLength(1);
    expect(errors).toEqual([[new Error('database down'), 'a']]);
  });

  it('stays bounded: past its size it forgets endpoints not seen within the interval', async () => {
    const recorder = activity({ maxEntries: 2 });
    recorder.record('a');
    now += 61_000;
    recorder.record('b');
    recorder.record('c'); // full: 'a' is older than the interval and goes
    recorder.record('b'); // still remembered
    await recorder.flush();
    expect(writes.map(([id]) => id)).toEqual(['a', 'b', 'c']);
  });
});
