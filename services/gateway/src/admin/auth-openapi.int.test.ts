import { type HTTPMethods } from 'fastify';
import { ADMIN_TOKEN, type AdminHarness, startAdminApi } from '@chatops/test-support/admin-api';
import { deletePrefix, uniquePrefix } from '@chatops/test-support/redis';
import { buildGateway } from '../app';
import { testGatewayDeps } from '../../test/test-gateway';

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
}

/** `/api/v1/integrations/:id` → `/api/v1/integrations/{id}`. */
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

/** Every (method, path) the server answers under /api/v1 (but the docs viewer's), as OpenAPI writes paths. */
function registered(harness: AdminHarness): string[] {
  return harness.routes
    .filter((r) => r.url.startsWith('/api/v1/') && !r.url.startsWith('/api/v1/docs'))
    .flatMap((r) => (Array.isArray(r.method) ? r.method : [r.method]).map((m) => [m.toLowerCase(), r.url] as const))
    .filter(([method]) => method !== 'head')
    .map(([method, url]) => `${method} ${openApiPath(url)}`)
    .sort();
}

function documented(document: OpenApiDocument): string[] {
  return Object.entries(document.paths)
    .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
    .sort();
}

describe('admin API: authentication and the OpenAPI document', () => {
  let harness: AdminHarness;

  beforeAll(async () => {
    harness = await startAdminApi();
  });
  afterAll(async () => {
    await harness.close();
  });

  it.each<[string, string | null]>([
    ['no Authorization header', null],
    ['a wrong token', 'x'.repeat(ADMIN_TOKEN.length)],
    ['a token one character short', ADMIN_TOKEN.slice(0, -1)],
    ['an empty token', ''],
  ])('refuses %s with 401 unauthorized on every route', async (_label, token) => {
    for (const [method, url] of [
      ['GET', '/api/v1/projects'],
      ['POST', '/api/v1/deliveries/some-id/replay'],
      ['GET', '/api/v1/events/failed'],
      ['DELETE', '/api/v1/integrations/some-id'],
    ] as const) {
      const response = await harness.call(method, url, { token });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 401 });
      expect(response.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    }
  });

  it('refuses a token sent with another scheme', async () => {
    const response = await harness.app.inject({
      method: 'GET',
      url: '/api/v1/projects',
      headers: { authorization: `Basic ${ADMIN_TOKEN}` },
    });
    expect(response.statusCode).toBe(401);
  });

  it('accepts the admin token', async () => {
    const response = await harness.call('GET', '/api/v1/projects');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ items: [] });
  });

  it('serves an OpenAPI 3.1 document, without a token, with bearer security and JSON schemas for bodies', async () => {
    const response = await harness.call('GET', '/api/v1/openapi.json', { token: null });
    expect(response.statusCode).toBe(200);
    const document = response.json<OpenApiDocument & Record<string, unknown>>();
    expect(document.openapi).toBe('3.1.0');
    expect(document).toMatchObject({
      security: [{ bearer: [] }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    });
    const create = document.paths['/api/v1/projects/{projectId}/integrations']?.post;
    expect(create?.requestBody).toMatchObject({
      content: {
        'application/json': {
          schema: { type: 'object', required: ['name', 'destination'], additionalProperties: false },
        },
      },
    });
    expect(Object.keys(create?.responses ?? {}).sort()).toEqual(['201', '400', '401', '404', '409']);
  });

  it('documents which routes need no token, and names the generated operations', async () => {
    const document = (await harness.call('GET', '/api/v1/openapi.json')).json<
      OpenApiDocument & { paths: Record<string, Record<string, { security?: unknown; operationId?: string }>> }
    >();
    expect(document.paths['/api/v1/openapi.json']?.get).toMatchObject({ security: [] });
    expect(document.paths['/api/v1/projects']?.get).not.toHaveProperty('security');
    expect(document.paths['/api/v1/integrations/{id}']?.patch?.operationId).toBe('patchIntegrationsId');
    expect(document).toMatchObject({
      components: { schemas: { Error: { type: 'object', required: ['error'] } } },
    });
  });

  it.each(['/api/v1/docs/', '/api/v1/docs'])(
    'serves an interactive viewer at %s without a token, from local assets only, under a strict CSP',
    async (path) => {
      const page = await harness.call('GET', path, { token: null });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).not.toMatch(/https?:|\*/);
      // Every script and stylesheet is served from here.
      const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
      expect(assets.length).toBeGreaterThanOrEqual(4);
      for (const asset of assets) {
        expect(asset).not.toMatch(/^(https?:)?\/\//);
        const url = new URL(asset, `http://gateway${path}`).pathname;
        const response = await harness.call('GET', url, { token: null });
        expect({ url, status: response.statusCode }).toEqual({ url, status: 200 });
      }
      const initializer = await harness.call('GET', '/api/v1/docs/static/swagger-initializer.js', { token: null });
      expect(initializer.body).toContain("resolveUrl('./json')");
      expect(initializer.body).toContain('validatorUrl: null');
      const viewed = await harness.call('GET', '/api/v1/docs/json', { token: null });
      expect(viewed.json()).toEqual((await harness.call('GET', '/api/v1/openapi.json')).json());
    },
  );

  it('describes every registered /api/v1 route, and nothing else', async () => {
    const document = (await harness.call('GET', '/api/v1/openapi.json')).json<OpenApiDocument>();
    expect(registered(harness).length).toBeGreaterThanOrEqual(14);
    expect(documented(document)).toEqual(registered(harness));
  });

  it('is mounted by the gateway itself: every documented operation is routed by buildGateway', async () => {
    const prefix = uniquePrefix('admin-gw');
    const { app } = await buildGateway(
      testGatewayDeps({ DATABASE_URL: harness.database.url, QUEUE_PREFIX: prefix, ADMIN_TOKEN }),
    );
    try {
      await app.ready();
      const document = (await harness.call('GET', '/api/v1/openapi.json')).json<OpenApiDocument>();
      for (const operation of documented(document)) {
        const [method = '', path = ''] = operation.split(' ');
        const url = path.replace(/\{(\w+)\}/g, ':$1');
        expect({ operation, routed: app.hasRoute({ method: method.toUpperCase() as HTTPMethods, url }) }).toEqual({
          operation,
          routed: true,
        });
      }
      const unauthenticated = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
      expect(unauthenticated.statusCode).toBe(200);
      expect(unauthenticated.json()).toEqual(document);
    } finally {
      await app.close();
      await deletePrefix(prefix);
    }
  });
});
