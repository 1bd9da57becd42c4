import { type HTTPMethods } from 'fastify';
import { ADMIN_TOKEN, type AdminHarness, startAdminApi } from '@chatops/test-support/admin-api';
import { deletePrefix, uniquePrefix } from '@chatops/test-support/redis';
import { buildGateway } from '../app';
import { openApiPath } from './openapi-document';
import { testGatewayDeps } from '../../test/test-gateway';

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
}

/** Every (method, path) the server answers under /api/v1, as OpenAPI writes paths. */
function registered(harness: AdminHarness): string[] {
  return harness.routes
    .filter((r) => r.url.startsWith('/api/v1/'))
    .flatMap((r) => (Array.isArray(r.method) ? r.method : [r.method]).map((m) => [m.toLowerCase(), r.url] as const))
    .filter(([method]) => method !== 'head')
    .map(([method, url]) => `${method} ${openApiPath('', url)}`)
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
      ['GET', '/api/v1/openapi.json'],
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

  it('serves an OpenAPI 3.1 document with bearer security and JSON schemas for bodies', async () => {
    const response = await harness.call('GET', '/api/v1/openapi.json');
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

  it('describes every registered /api/v1 route, and nothing else', async () => {
    const document = (await harness.call('GET', '/api/v1/openapi.json')).json<OpenApiDocument>();
    expect(registered(harness).length).toBeGreaterThanOrEqual(14);
    expect(documented(document)).toEqual(registered(harness));
  });

  it('is mounted by the gateway itself: every documented operation is routed by buildGateway', async () => {
    const prefix = uniquePrefix('admin-gw');
    const app = await buildGateway(
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
      expect(unauthenticated.statusCode).toBe(401);
      const authenticated = await app.inject({
        method: 'GET',
        url: '/api/v1/openapi.json',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      expect(authenticated.json()).toEqual(document);
    } finally {
      await app.close();
      await deletePrefix(prefix);
    }
  });
});
