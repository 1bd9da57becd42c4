import http from 'node:http';
import { type AddressInfo, type LookupFunction } from 'node:net';
import { guardedLookup } from './guarded-lookup';
import { OutboundGuard } from './outbound-guard';
import { OutboundPolicy } from './outbound-policy';
import { outboundRefusalIn } from './outbound-refused';

/** Resolves names from a table (each answer in turn, the last one repeated); no DNS involved. */
function tableLookup(table: Record<string, string[]>): LookupFunction & { calls: string[] } {
  const calls: string[] = [];
  const lookup = ((hostname, options, callback) => {
    calls.push(hostname);
    const answers = table[hostname];
    if (!answers)
      return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '');
    const address = answers.length > 1 ? (answers.shift() ?? '') : (answers[0] ?? '');
    const family = address.includes(':') ? 6 : 4;
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  }) as LookupFunction & { calls: string[] };
  lookup.calls = calls;
  return lookup;
}

/** Fails the test with what the request did instead of being refused. */
async function refusalOf(request: Promise<unknown>): Promise<string> {
  const outcome = await request.then(
    () => 'the request went through',
    (error: unknown) => outboundRefusalIn(error) ?? `another error: ${String(error)}`,
  );
  return outcome;
}

/** A GET through Node's http client with the guard's agent (what axios does under @slack/webhook). */
function httpGet(guard: OutboundGuard, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: guard.agentFor(url) }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

describe('OutboundGuard', () => {
  let server: http.Server;
  let port: number;
  let requests: string[];
  const guards: OutboundGuard[] = [];
  const guard = (allowList: string, table: Record<string, string[]> = {}) => {
    const made = new OutboundGuard(OutboundPolicy.from(allowList), { lookup: tableLookup(table) });
    guards.push(made);
    return made;
  };

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      requests.push(`${request.headers.host}${request.url}`);
      response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  beforeEach(() => {
    requests = [];
  });
  afterAll(async () => {
    await Promise.all(guards.map((g) => g.close()));
    await new Promise((resolve) => server.close(resolve));
  });

  const ADVICE = 'chatops refuses internal targets unless OUTBOUND_ALLOWED_HOSTS allows them';

  describe.each([
    [
      'fetch with its dispatcher',
      (g: OutboundGuard, url: string) => fetch(url, { dispatcher: g.dispatcher } as RequestInit),
    ],
    ['an http.Agent', httpGet],
  ])('through %s', (_, get) => {
    it('refuses a name that resolves to loopback when connecting, and nothing reaches the listener', async () => {
      const g = guard('', { 'hooks.example.test': ['127.0.0.1'] });
      expect(await refusalOf(get(g, `http://hooks.example.test:${port}/hook`))).toBe(
        `hooks.example.test resolves to a loopback address (127.0.0.1); ${ADVICE}`,
      );
      expect(requests).toEqual([]);
    });

    it('refuses a name that re-resolves inward after the URL was checked (DNS rebinding)', async () => {
      const g = guard('', { 'rebind.example.test': ['127.0.0.1'] });
      const url = `http://rebind.example.test:${port}/hook`;
      // The input-time check sees a name and lets it be stored: it does not resolve names.
      expect(() => g.assertUrlAllowed(url)).not.toThrow();
      expect(await refusalOf(get(g, url))).toContain('rebind.example.test resolves to a loopback address');
      expect(requests).toEqual([]);
    });

    it('refuses an internal IP literal before connecting', async () => {
      const g = guard('');
      expect(await refusalOf(get(g, `http://127.0.0.1:${port}/hook`))).toBe(
        `points at a loopback address (127.0.0.1); ${ADVICE}`,
      );
      expect(requests).toEqual([]);
    });

    it('lets an allowed network through', async () => {
      const g = guard('127.0.0.0/8', { 'hooks.example.test': ['127.0.0.1'] });
      await get(g, `http://127.0.0.1:${port}/a`);
      await get(g, `http://hooks.example.test:${port}/b`);
      expect(requests).toEqual([`127.0.0.1:${port}/a`, `hooks.example.test:${port}/b`]);
    });

    it('lets an allowed host name through, whatever it resolves to', async () => {
      const g = guard('mattermost.internal', { 'mattermost.internal': ['127.0.0.1'], 'other.internal': ['127.0.0.1'] });
      await get(g, `http://mattermost.internal:${port}/api`);
      expect(await refusalOf(get(g, `http://other.internal:${port}/api`))).toContain('other.internal resolves to');
      expect(requests).toEqual([`mattermost.internal:${port}/api`]);
    });
  });

  it('refuses IPv6 loopback and IPv4-mapped literals at connect time', async () => {
    const g = guard('');
    const get = (url: string) => fetch(url, { dispatcher: g.dispatcher } as RequestInit);
    expect(await refusalOf(get(`http://[::1]:${port}/`))).toContain('points at a loopback address (::1)');
    expect(await refusalOf(get(`http://[::ffff:127.0.0.1]:${port}/`))).toContain('a loopback address');
  });
});

describe('guardedLookup', () => {
  const strict = OutboundPolicy.strict();
  const resolve = (lookup: LookupFunction, all: boolean) =>
    new Promise<{ error: Error | null; address: unknown }>((done) =>
      lookup('mixed.example.test', { all }, (error, address) => done({ error, address })),
    );

  it('refuses a name when any of its addresses is internal', async () => {
    const mixed: LookupFunction = (_host, options, callback) =>
      options.all
        ? callback(null, [
            { address: '93.184.215.14', family: 4 },
            { address: '10.0.0.7', family: 4 },
          ])
        : callback(null, '93.184.215.14', 4);
    const all = await resolve(guardedLookup(strict, mixed), true);
    expect(all.error?.message).toMatch(/^mixed\.example\.test resolves to a private address \(10\.0\.0\.7\)/);
    const one = await resolve(guardedLookup(strict, mixed), false);
    expect(one).toEqual({ error: null, address: '93.184.215.14' });
  });

  it('passes resolver errors on as they are', async () => {
    const lookup = tableLookup({});
    const outcome = await resolve(guardedLookup(strict, lookup), false);
    expect(outcome.error?.message).toBe('getaddrinfo ENOTFOUND mixed.example.test');
  });
});
