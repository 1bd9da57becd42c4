import { createEndpoint, SecretBox } from '@chatops/db';
import { signWebhook } from '@chatops/gitlab';
import { ErrorCode } from '@chatops/errors';
import { QueueName } from '@chatops/jobs';
import { freePort } from '@chatops/testing';
import { type FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { loadFixture } from '@chatops/test-support/fixtures';
import { TEST_ENCRYPTION_KEY, testInfra } from '@chatops/test-support/infra';
import { openQueueInspector, type QueueInspector } from '@chatops/test-support/redis';
import { PrivateRedis } from '@chatops/test-support/redis-server';
import { seedDiasporaProject } from '@chatops/test-support/seed';
import { waitFor } from '@chatops/test-support/wait';
import { buildGateway, type GatewayServers } from '../app';
import { testGatewayDeps } from '../../test/test-gateway';

const push = loadFixture('push.json');
const BODY_LIMIT = 64 * 1024;

describe('POST /hooks/gitlab/:endpointId (real Redis and PostgreSQL)', () => {
  let database: TestDatabase;
  let endpointId: string;
  let secret: string;
  let inspection: QueueInspector;
  const apps: FastifyInstance[] = [];

  type Overrides = { redisUrl?: string; databaseUrl?: string; now?: () => number };

  /** A gateway replica; all replicas of a test share Redis and PostgreSQL. */
  async function gateway(overrides: Overrides = {}): Promise<FastifyInstance> {
    return (await gatewayServers(overrides)).app;
  }

  /** A replica's public and ops servers (closing the public one closes both). */
  async function gatewayServers(overrides: Overrides = {}): Promise<GatewayServers> {
    const servers = await buildGateway(
      testGatewayDeps(
        {
          DATABASE_URL: overrides.databaseUrl ?? database.url,
          REDIS_URL: overrides.redisUrl ?? testInfra().redisUrl,
          QUEUE_PREFIX: inspection.prefix,
          GATEWAY_BODY_LIMIT_BYTES: String(BODY_LIMIT),
        },
        overrides.now ? { now: overrides.now } : {},
      ),
    );
    apps.push(servers.app);
    return servers;
  }

  const post = (app: FastifyInstance, options: { headers?: Record<string, string>; body?: string; id?: string } = {}) =>
    app.inject({
      method: 'POST',
      url: `/hooks/gitlab/${options.id ?? endpointId}`,
      headers: {
        'content-type': 'application/json',
        'x-gitlab-token': secret,
        'x-gitlab-event': 'Push Hook',
        ...options.headers,
      },
      body: options.body ?? JSON.stringify(push),
    });

  const queued = () => inspection.queues.queue(QueueName.Events).getJobs(['waiting', 'delayed', 'active']);

  beforeAll(async () => {
    database = await createTestDatabase();
    const project = await seedDiasporaProject(database.db, { webUrl: 'http://example.com/mike/diaspora' });
    ({
      endpoint: { id: endpointId },
      secret,
    } = await createEndpoint(database.db, { projectId: project.id }));
  });
  beforeEach(() => {
    inspection = openQueueInspector('gateway');
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.close()));
    await inspection.close();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('accepts a valid webhook and enqueues it as sent', async () => {
    const app = await gateway();
    const response = await post(app, { headers: { 'idempotency-key': 'idem-1' } });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ status: 'accepted', eventKey: 'idem-1' });
    const jobs = await queued();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.data).toMatchObject({ endpointId, eventName: 'Push Hook', eventKey: 'idem-1', payload: push });
  });

  it('accepts strings PostgreSQL cannot store (NUL, a lone surrogate), queued with U+FFFD in their place', async () => {
    const [first, ...rest] = push.commits as Array<Record<string, unknown>>;
    // JSON.stringify writes both as escapes, as GitLab does: `\u0000`, `\ud800`.
    const body = JSON.stringify({
      ...push,
      commits: [{ ...first, message: 'Fix\u0000 login \ud800 🚀' }, ...rest],
      'label\u0000': 'key',
    });
    expect(body).toContain('\\u0000');
    expect(body).toContain('\\ud800');
    const response = await post(await gateway(), { body });
    expect(response.statusCode).toBe(202);
    const [job] = await queued();
    const payload = job?.data.payload as { commits: Array<{ message: string }> } & Record<string, unknown>;
    expect(payload.commits[0]?.message).toBe('Fix\uFFFD login \uFFFD 🚀');
    expect(payload['label\uFFFD']).toBe('key');
  });

  it('falls back to X-Gitlab-Event-UUID for the event key', async () => {
    const app = await gateway();
    const response = await post(app, { headers: { 'x-gitlab-event-uuid': 'uuid-1' } });
    expect(response.json()).toMatchObject({ eventKey: 'uuid-1' });
  });

  it('accepts one copy of a redelivered event across gateway replicas', async () => {
    const [a, b] = [await gateway(), await gateway()];
    const headers = { 'idempotency-key': 'idem-dup' };
    const responses = await Promise.all([post(a, { headers }), post(b, { headers }), post(a, { headers })]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 200, 202]);
    expect(responses.filter((r) => r.statusCode === 200).map((r) => r.json().status)).toEqual([
      'duplicate',
      'duplicate',
    ]);
    expect(await queued()).toHaveLength(1);
  });

  it.each([
    ['a wrong token', { 'x-gitlab-token': 'wrong' }],
    ['no token', { 'x-gitlab-token': '' }],
  ])('rejects %s with 401 and enqueues nothing', async (_label, headers) => {
    const app = await gateway();
    const response = await post(app, { headers });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe(ErrorCode.InvalidToken);
    expect(await queued()).toHaveLength(0);
  });

  it('answers 404 for an unknown endpoint', async () => {
    const app = await gateway();
    const response = await post(app, { id: 'no-such-endpoint' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe(ErrorCode.UnknownEndpoint);
  });

  it('answers 403 endpoint_disabled for a disabled endpoint (after checking the token), and takes it back once enabled', async () => {
    const project = await database.db.project.findFirstOrThrow();
    const { endpoint, secret: other } = await createEndpoint(database.db, { projectId: project.id });
    await database.db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { disabledAt: new Date() } });
    const app = await gateway();
    const response = await post(app, { id: endpoint.id, headers: { 'x-gitlab-token': other } });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({
      error: { code: ErrorCode.EndpointDisabled, message: expect.stringContaining('disabled') },
    });
    expect((await post(app, { id: endpoint.id, headers: { 'x-gitlab-token': 'wrong' } })).statusCode).toBe(401);
    expect(await queued()).toHaveLength(0);

    await database.db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { disabledAt: null } });
    const fresh = await gateway(); // another replica: no cached copy of the endpoint
    expect((await post(fresh, { id: endpoint.id, headers: { 'x-gitlab-token': other } })).statusCode).toBe(202);
  });

  it.each(['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE'] as const)(
    'answers %s on a webhook URL with 405 and Allow: POST, without looking the endpoint up',
    async (method) => {
      const app = await gateway({ databaseUrl: 'postgresql://nobody:x@127.0.0.1:1/none' });
      const response = await app.inject({ method, url: `/hooks/gitlab/${endpointId}` });
      expect(response.statusCode).toBe(405);
      expect(response.headers.allow).toBe('POST');
      if (method !== 'HEAD')
        expect(response.json()).toEqual({
          error: {
            code: ErrorCode.MethodNotAllowed,
            message: `${method} is not allowed here: GitLab POSTs its webhooks to this URL`,
          },
        });
    },
  );

  it.each<[string, Record<string, string>, string]>([
    ['text/plain', { 'content-type': 'text/plain' }, 'content-type text/plain is not accepted'],
    [
      'a form',
      { 'content-type': 'application/x-www-form-urlencoded' },
      'content-type application/x-www-form-urlencoded',
    ],
  ])('names application/json when refusing %s with 415', async (_label, headers, start) => {
    const app = await gateway();
    const response = await post(app, { headers, body: 'a=1' });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.message).toBe(
      `${start}${start.endsWith('accepted') ? '' : ' is not accepted'}: GitLab webhooks are application/json`,
    );
  });

  it('refuses a JSON body that is not the named event with 400, naming what is missing, and queues nothing', async () => {
    const app = await gateway();
    const response = await post(app, { body: '{"hello":"world"}' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: {
        code: ErrorCode.MalformedBody,
        message:
          'not a GitLab Push Hook payload: object_kind: required, "push" or "tag_push"; project: required, an object; ' +
          'ref: required, a string; before: required, a string; after: required, a string; user_name: required, a string',
      },
    });
    const mislabelled = await post(app, { headers: { 'x-gitlab-event': 'Pipeline Hook' } });
    expect(mislabelled.statusCode).toBe(400);
    expect(mislabelled.json().error.message).toMatch(
      /^not a GitLab Pipeline Hook payload: object_kind: "pipeline" expected, got "push"/,
    );
    expect(await queued()).toHaveLength(0);
    // Events no integration is notified of carry nothing routing needs: still accepted.
    expect(
      (await post(app, { headers: { 'x-gitlab-event': 'Member Hook' }, body: '{"event_name":"user_add_to_group"}' }))
        .statusCode,
    ).toBe(202);
  });

  describe('a payload about another project', () => {
    const aboutProject = (id: number) =>
      JSON.stringify({ ...push, project_id: id, project: { ...(push.project as Record<string, unknown>), id } });

    it('is refused with 403 project_mismatch by a project endpoint, and nothing is queued', async () => {
      const app = await gateway();
      const response = await post(app, { body: aboutProject(16) });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toEqual({
        error: {
          code: ErrorCode.ProjectMismatch,
          message:
            'this endpoint takes events of GitLab project 15 only, not of project 16; give each project its own ' +
            'endpoint, or use an endpoint created with scope "group" for a group hook',
        },
      });
      expect(await queued()).toHaveLength(0);
    });

    it('is accepted by an endpoint created as a group endpoint', async () => {
      const project = await database.db.project.findFirstOrThrow();
      const group = await createEndpoint(database.db, { projectId: project.id, scope: 'group' });
      const app = await gateway();
      const response = await post(app, {
        id: group.endpoint.id,
        headers: { 'x-gitlab-token': group.secret },
        body: aboutProject(16),
      });
      expect(response.statusCode).toBe(202);
      expect(await queued()).toHaveLength(1);
    });
  });

  it('records when the endpoint last accepted an event, at most once a minute', async () => {
    const project = await database.db.project.findFirstOrThrow();
    const { endpoint, secret: token } = await createEndpoint(database.db, { projectId: project.id });
    let now = Date.parse('2026-12-01T10:00:00.000Z');
    const app = await gateway({ now: () => now });
    const lastEventAt = async () =>
      (await database.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).lastEventAt?.toISOString();
    expect(await lastEventAt()).toBeUndefined();

    // Refused requests are no events.
    await post(app, { id: endpoint.id, headers: { 'x-gitlab-token': 'wrong' } });
    await post(app, { id: endpoint.id, headers: { 'x-gitlab-token': token }, body: '{"hello":"world"}' });
    expect((await post(app, { id: endpoint.id, headers: { 'x-gitlab-token': token } })).statusCode).toBe(202);
    await waitFor(async () => (await lastEventAt()) === '2026-12-01T10:00:00.000Z', { what: 'lastEventAt' });

    now += 30_000;
    expect((await post(app, { id: endpoint.id, headers: { 'x-gitlab-token': token } })).statusCode).toBe(202);
    now += 31_000;
    expect((await post(app, { id: endpoint.id, headers: { 'x-gitlab-token': token } })).statusCode).toBe(202);
    await waitFor(async () => (await lastEventAt()) === '2026-12-01T10:01:01.000Z', {
      what: 'lastEventAt a minute on',
    });
  });

  it.each<[string, { headers?: Record<string, string>; body?: string }, number, string]>([
    ['a missing event header', { headers: { 'x-gitlab-event': '' } }, 400, ErrorCode.MissingEventHeader],
    ['an unknown event', { headers: { 'x-gitlab-event': 'Bogus Hook' } }, 400, ErrorCode.UnknownEvent],
    ['malformed JSON', { body: '{"object_kind": ' }, 400, ErrorCode.MalformedBody],
    ['a JSON array', { body: '[1,2]' }, 400, ErrorCode.MalformedBody],
    ['JSON null', { body: 'null' }, 400, ErrorCode.MalformedBody],
    ['an empty body', { body: '' }, 400, ErrorCode.MalformedBody],
    [
      'a non-JSON media type',
      { headers: { 'content-type': 'text/plain' }, body: 'hello' },
      415,
      ErrorCode.UnsupportedMediaType,
    ],
    [
      'a form body',
      { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' },
      415,
      ErrorCode.UnsupportedMediaType,
    ],
    ['an oversize body', { body: JSON.stringify({ big: 'x'.repeat(BODY_LIMIT) }) }, 413, ErrorCode.PayloadTooLarge],
    [
      'a body nested too deep to queue',
      { body: `{"a":${'['.repeat(20_000)}${']'.repeat(20_000)}}` },
      400,
      ErrorCode.MalformedBody,
    ],
  ])('rejects %s with a clear error and enqueues nothing', async (_label, request, status, code) => {
    const app = await gateway();
    const response = await post(app, request);
    expect(response.statusCode).toBe(status);
    expect(response.json()).toEqual({ error: { code, message: expect.any(String) } });
    expect(await queued()).toHaveLength(0);
  });

  it('checks the token before reading the body', async () => {
    const app = await gateway();
    const response = await post(app, { headers: { 'x-gitlab-token': 'wrong' }, body: '{not json' });
    expect(response.statusCode).toBe(401);
  });

  it('answers 404 for endpoint ids that cannot exist, without asking the database', async () => {
    const app = await gateway({ databaseUrl: 'postgresql://nobody:x@127.0.0.1:1/none' });
    for (const id of ['abc%00def', 'short', 'x'.repeat(65), 'a%20b%20c%20d%20e']) {
      const response = await post(app, { id });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe(ErrorCode.UnknownEndpoint);
    }
  });

  it('answers malformed URLs with the JSON error shape', async () => {
    const app = await gateway();
    const response = await app.inject({
      method: 'POST',
      url: '/hooks/gitlab/%C0%AF',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: { code: ErrorCode.BadRequest, message: expect.any(String) } });
  });

  it('ignores an unreasonable Idempotency-Key and X-Request-Id instead of storing them', async () => {
    const app = await gateway();
    const huge = 'k'.repeat(5000);
    const response = await post(app, { headers: { 'idempotency-key': huge, 'x-request-id': huge } });
    expect(response.statusCode).toBe(202);
    expect(response.json().eventKey).not.toBe(huge);
    expect(response.headers['x-request-id']).not.toBe(huge);
    const kept = await post(app, { headers: { 'x-request-id': 'req-123' } });
    expect(kept.headers['x-request-id']).toBe('req-123');
  });

  it('answers 503 when Redis is up but refuses writes, and stores nothing', async () => {
    const redis = new PrivateRedis(await freePort());
    await redis.start();
    const admin = new Redis(redis.url);
    try {
      await admin.config('SET', 'maxmemory-policy', 'noeviction');
      await admin.config('SET', 'maxmemory', '1');
      const app = await gateway({ redisUrl: redis.url });
      const response = await post(app, { headers: { 'idempotency-key': 'idem-oom' } });
      expect(response.statusCode).toBe(503);
      expect(response.json().error.code).toBe(ErrorCode.QueueUnavailable);
      await admin.config('SET', 'maxmemory', '0');
      expect(await admin.keys(`${inspection.prefix}:*:*`)).toEqual([]);
      // Once Redis takes writes again, GitLab's retry of the same event is accepted.
      expect((await post(app, { headers: { 'idempotency-key': 'idem-oom' } })).statusCode).toBe(202);
    } finally {
      admin.disconnect();
      await Promise.all(apps.splice(0).map((a) => a.close()));
      await redis.stop();
    }
  });

  it('answers 503 (never 202) when Redis cannot take the job, and is not ready on either port', async () => {
    const { app, ops } = await gatewayServers({ redisUrl: 'redis://127.0.0.1:1' });
    const response = await post(app, { headers: { 'idempotency-key': 'idem-down' } });
    expect(response.statusCode).toBe(503);
    expect(response.json().error.code).toBe(ErrorCode.QueueUnavailable);
    // The public port names the failing check only; the ops port says why.
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'not_ready', checks: { redis: 'failing', postgres: 'ok' } });
    const detailed = await ops.inject({ method: 'GET', url: '/readyz' });
    expect(detailed.statusCode).toBe(503);
    expect(detailed.json().checks.redis).not.toBe('failing');
    expect(detailed.json().checks).toMatchObject({ redis: expect.any(String), postgres: 'ok' });
  });

  it('answers 503 when PostgreSQL is unreachable, so GitLab retries', async () => {
    const app = await gateway({ databaseUrl: 'postgresql://nobody:x@127.0.0.1:1/none' });
    const response = await post(app);
    expect(response.statusCode).toBe(503);
    expect(response.json().error.code).toBe(ErrorCode.DatabaseUnavailable);
  });

  it('keeps accepting for an endpoint it knows while PostgreSQL is down, for 15 minutes', async () => {
    const own = await createTestDatabase();
    const project = await seedDiasporaProject(own.db, { webUrl: 'http://example.com/mike/diaspora' });
    const created = await createEndpoint(own.db, { projectId: project.id });
    let clock = Date.now();
    const app = await gateway({ databaseUrl: own.url, now: () => clock });
    const send = (key: string) =>
      post(app, { id: created.endpoint.id, headers: { 'x-gitlab-token': created.secret, 'idempotency-key': key } });
    try {
      expect((await send('before-outage')).statusCode).toBe(202);
      await own.cutOff();
      clock += 6000; // past the cache's 5 s: the gateway asks PostgreSQL again, and fails
      const during = await send('during-outage');
      expect(during.statusCode).toBe(202);
      expect(during.json()).toEqual({ status: 'accepted', eventKey: 'during-outage' });
      // Still in the load balancer: ready, saying what is missing.
      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'degraded', checks: { redis: 'ok', postgres: 'failing' } });
      // An endpoint it has not seen cannot be vouched for.
      expect((await post(app, { id: 'unseen-endpoint-0001' })).statusCode).toBe(503);
      clock += 15 * 60_000;
      const late = await send('too-late');
      expect(late.statusCode).toBe(503);
      expect(late.json().error.code).toBe(ErrorCode.DatabaseUnavailable);
      const keys = (await queued()).map((job) => job.data.eventKey);
      expect(keys).toEqual(expect.arrayContaining(['before-outage', 'during-outage']));
      expect(keys).not.toContain('too-late');
    } finally {
      await own.drop();
    }
  });

  it('serves health, readiness and metrics on the ops server, and only health and readiness publicly', async () => {
    const { app, ops } = await gatewayServers();
    await post(app);
    for (const server of [app, ops]) {
      expect((await server.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
      expect((await server.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({
        status: 'ready',
        checks: { redis: 'ok', postgres: 'ok' },
      });
    }
    const metrics = await ops.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toMatch(/chatops_webhooks_total\{event="Push Hook",outcome="accepted",service="gateway"\} 1/);
    expect(metrics.body).toContain('chatops_http_request_duration_seconds');
    expect(metrics.body).toMatch(/route="\/hooks\/gitlab\/:endpointId"/);

    const publicMetrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(publicMetrics.statusCode).toBe(404);
    expect(publicMetrics.json().error.code).toBe(ErrorCode.NotFound);
    // The ops server serves nothing else.
    expect((await ops.inject({ method: 'POST', url: `/hooks/gitlab/${endpointId}` })).statusCode).toBe(404);
    expect((await ops.inject({ method: 'GET', url: '/api/v1/openapi.json' })).statusCode).toBe(404);
  });

  describe('an endpoint with a signing secret', () => {
    let signedId: string;
    let signedToken: string;
    let signingSecret: string;
    const body = JSON.stringify(push);
    const nowSeconds = () => String(Math.floor(Date.now() / 1000));
    const signedHeaders = (overrides: { id?: string; timestamp?: string; body?: string } = {}) => {
      const id = overrides.id ?? 'msg-signed-1';
      const timestamp = overrides.timestamp ?? nowSeconds();
      return {
        'x-gitlab-token': signedToken,
        'webhook-id': id,
        'webhook-timestamp': timestamp,
        'webhook-signature': signWebhook(signingSecret, { id, timestamp, body: Buffer.from(overrides.body ?? body) }),
      };
    };

    beforeAll(async () => {
      const project = await database.db.project.findFirstOrThrow();
      const created = await createEndpoint(database.db, {
        projectId: project.id,
        signingBox: new SecretBox(Buffer.from(TEST_ENCRYPTION_KEY, 'hex')),
      });
      signedId = created.endpoint.id;
      signedToken = created.secret;
      signingSecret = created.signingSecret ?? '';
      expect(signingSecret).toMatch(/^whsec_/);
    });

    it('accepts a correctly signed webhook, keyed on webhook-id', async () => {
      const app = await gateway();
      const response = await post(app, { id: signedId, headers: signedHeaders(), body });
      expect(response.statusCode).toBe(202);
      expect(response.json().eventKey).toBe('msg-signed-1');
    });

    it.each<[string, () => Record<string, string>, string]>([
      ['no signature', () => ({ 'x-gitlab-token': signedToken }), ErrorCode.InvalidSignature],
      [
        'a signature over another body',
        () => signedHeaders({ body: '{"object_kind":"tag_push"}' }),
        ErrorCode.InvalidSignature,
      ],
      [
        'a signature for another webhook-id',
        () => ({ ...signedHeaders(), 'webhook-id': 'msg-other' }),
        ErrorCode.InvalidSignature,
      ],
      [
        'a replay older than five minutes',
        () => signedHeaders({ timestamp: String(Math.floor(Date.now() / 1000) - 600) }),
        ErrorCode.StaleTimestamp,
      ],
    ])('rejects %s with 401 and enqueues nothing', async (_label, headers, code) => {
      const app = await gateway();
      const response = await post(app, { id: signedId, headers: headers(), body });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe(code);
      expect(await queued()).toHaveLength(0);
    });
  });

  it('answers unknown routes with a JSON 404', async () => {
    const app = await gateway();
    const response = await app.inject({ method: 'GET', url: '/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe(ErrorCode.NotFound);
  });
});
