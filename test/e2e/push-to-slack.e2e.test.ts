import { createProducerConnection, JobQueues, QueueName } from '@chatops/jobs';
import { FakeSlack, freePort } from '@chatops/testing';
import { type Redis } from 'ioredis';
import { chatops } from '../support/cli';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { loadFixture } from '../support/fixtures';
import { TEST_ENCRYPTION_KEY, testInfra } from '../support/infra';
import { deletePrefix, uniquePrefix } from '../support/redis';
import { PrivateRedis } from '../support/redis-server';
import { type RunningService, serviceEnv, startService } from '../support/services';
import { sleep, waitFor } from '../support/wait';

type ErrorBody = { error: { code: string; message: string } };

const BOT_TOKEN = 'xoxb-e2e-token';
const push = loadFixture('push.json');
const EXPECTED_TEXT =
  'John Smith pushed to branch <http://example.com/mike/diaspora/-/commits/master|master> of <http://example.com/mike/diaspora|Mike / Diaspora> ' +
  '(<http://example.com/mike/diaspora/-/compare/95790bf891e76fee5e1747ab589903a6a1f80f22...da1560886d4f094c3e6c9ef40349f7d38b5d27d7|Compare changes>)';

/**
 * The whole notification path with real processes: the operator CLI configures PostgreSQL, the
 * gateway and notifier run as their own processes over real Redis, and the fake Slack receives
 * what the real @slack/web-api client posts.
 */
describe('GitLab push → Slack, end to end', () => {
  let database: TestDatabase;
  let slack: FakeSlack;
  let env: Record<string, string>;
  let hookUrl: string;
  let secret: string;
  const services: RunningService[] = [];

  async function configure(): Promise<void> {
    await chatops(
      [
        'project:add',
        '--gitlab-id',
        '15',
        '--path',
        'mike/diaspora',
        '--name',
        'Diaspora',
        '--web-url',
        'http://example.com/mike/diaspora',
        '--default-branch',
        'master',
      ],
      env,
    );
    await chatops(['slack:install:add', '--team-id', 'T0E2E', '--bot-user-id', 'UBOT', '--bot-token', BOT_TOKEN], env);
    await chatops(
      [
        'integration:create',
        '--project',
        'mike/diaspora',
        '--name',
        'pushes',
        '--team-id',
        'T0E2E',
        '--channel',
        'C0GENERAL',
        '--events',
        'push',
      ],
      env,
    );
    const created = await chatops(['endpoint:create', '--project', 'mike/diaspora'], env);
    hookUrl = /URL:\s+(\S+)/.exec(created)?.[1] ?? '';
    secret = /Secret token:\s+(\S+)/.exec(created)?.[1] ?? '';
  }

  function sendPush(
    headers: Record<string, string> = {},
    body: string = JSON.stringify(push),
    url = hookUrl,
  ): Promise<Response> {
    return fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-gitlab-event': 'Push Hook',
        'x-gitlab-token': secret,
        ...headers,
      },
      body,
    });
  }

  const posted = () => slack.messages('C0GENERAL');

  beforeAll(async () => {
    database = await createTestDatabase();
    slack = new FakeSlack();
    const { url: slackUrl } = await slack.start();
    slack.addWorkspace({
      teamId: 'T0E2E',
      botToken: BOT_TOKEN,
      botUserId: 'UBOT',
      channels: [{ id: 'C0GENERAL', name: 'general' }],
    });
    const gatewayPort = await freePort();
    env = {
      ...serviceEnv(database.url, uniquePrefix('e2e')),
      PUBLIC_URL: `http://127.0.0.1:${gatewayPort}`,
      SLACK_API_URL: `${slackUrl}/api`,
    };
    await configure();
    expect(hookUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hooks\/gitlab\/[\w-]+$/);
    expect(secret.length).toBeGreaterThanOrEqual(40);
    services.push(
      await startService('gateway', { ...env, GATEWAY_PORT: String(gatewayPort) }),
      await startService('notifier', env),
    );
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await slack.stop();
    await deletePrefix(env.QUEUE_PREFIX ?? 'missing');
    await database.drop();
  });

  it('logs the settings each service runs with at start, never a credential', () => {
    for (const service of services) {
      const output = service.output();
      const line = output.split('\n').find((l) => l.includes(`"msg":"${service.name} settings"`));
      const { settings } = JSON.parse(line ?? '{}') as { settings?: Record<string, unknown> };
      expect(settings).toMatchObject({
        SLACK_API_URL: env.SLACK_API_URL,
        GITLAB_URL: null,
        LOG_LEVEL: 'info',
        ENCRYPTION_KEY: '(set)',
      });
      expect(output).not.toContain(TEST_ENCRYPTION_KEY);
      expect(output).not.toContain(env.ADMIN_TOKEN);
    }
    expect(services[0]?.output()).toMatch(/"PUBLIC_URL":"http:\/\/127\.0\.0\.1:\d+"/);
  });

  it('posts the push fixture as one chat.postMessage in the configured channel', async () => {
    const response = await sendPush({ 'idempotency-key': 'e2e-first' });
    expect(response.status).toBe(202);

    const [message] = await waitFor(() => posted().length === 1 && posted(), { what: 'the Slack message' });
    expect(message?.text).toBe(EXPECTED_TEXT);
    expect(message?.attachments).toEqual([
      {
        text:
          '<http://example.com/mike/diaspora/commit/b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327|b6568db1>: Update Catalan translation to e38cb41. - Jordi Mallach\n\n' +
          '<http://example.com/mike/diaspora/commit/da1560886d4f094c3e6c9ef40349f7d38b5d27d7|da156088>: fixed readme - GitLab dev user',
        color: '#334455',
      },
    ]);
    const calls = slack.calls.filter((c) => c.method === 'chat.postMessage');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.token).toBe(BOT_TOKEN);

    const delivery = await waitFor(
      () => database.db.delivery.findFirst({ where: { eventKey: 'e2e-first', status: 'sent' } }),
      { what: 'the delivery record' },
    );
    expect(delivery).toMatchObject({ channel: 'C0GENERAL', attempts: 1, remoteMessageId: message?.ts });
  });

  it('posts a push whose commit title holds NUL and a lone surrogate, with U+FFFD in their place', async () => {
    const before = posted().length;
    const [first, ...rest] = push.commits as Array<Record<string, unknown>>;
    const title = 'Fix\u0000 login \ud800 🚀';
    // JSON.stringify writes them as GitLab does: `\u0000`, `\ud800`, which PostgreSQL's jsonb refuses.
    const body = JSON.stringify({ ...push, commits: [{ ...first, message: title, title }, ...rest] });
    expect(body).toContain('\\u0000');
    const response = await sendPush({ 'idempotency-key': 'e2e-unstorable' }, body);
    expect(response.status).toBe(202);

    const [message] = await waitFor(() => posted().length === before + 1 && posted().slice(before), {
      what: 'the Slack message',
    });
    expect(JSON.stringify(message?.attachments)).toContain(': Fix\uFFFD login \uFFFD 🚀 - Jordi Mallach');
    const delivery = await waitFor(
      () => database.db.delivery.findFirst({ where: { eventKey: 'e2e-unstorable', status: 'sent' } }),
      { what: 'the delivery record' },
    );
    expect(delivery).toMatchObject({ attempts: 1 });
  });

  it('rejects a wrong token with 401 and enqueues nothing', async () => {
    const connection: Redis = createProducerConnection(testInfra().redisUrl);
    const queues = new JobQueues(connection, env.QUEUE_PREFIX ?? '');
    try {
      const countJobs = async () =>
        Object.values(await queues.queue(QueueName.Events).getJobCounts()).reduce((a, b) => a + b, 0);
      const before = await countJobs();
      const messagesBefore = posted().length;
      const response = await sendPush({ 'x-gitlab-token': 'not-the-secret', 'idempotency-key': 'e2e-wrong-token' });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: 'invalid_token', message: expect.any(String) } });
      await sleep(500);
      expect(await countJobs()).toBe(before);
      expect(posted()).toHaveLength(messagesBefore);
    } finally {
      await queues.close();
      connection.disconnect();
    }
  });

  it('posts once when GitLab sends the same Idempotency-Key twice', async () => {
    const before = posted().length;
    const first = await sendPush({ 'idempotency-key': 'e2e-twice' });
    const second = await sendPush({ 'idempotency-key': 'e2e-twice' });
    expect([first.status, second.status]).toEqual([202, 200]);
    await waitFor(() => posted().length === before + 1, { what: 'the first message' });
    await sleep(1000);
    expect(posted()).toHaveLength(before + 1);
    expect(await database.db.delivery.count({ where: { eventKey: 'e2e-twice' } })).toBe(1);
  });

  it('rejects a malformed body with 400', async () => {
    const response = await sendPush({}, '{"object_kind": "push", ');
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error.code).toBe('malformed_body');
  });

  it("serves the gateway's metrics on its ops port only; health and readiness on both", async () => {
    const gateway = services[0];
    if (!gateway) throw new Error('no gateway');
    expect(gateway.opsUrl).not.toBe(gateway.url);
    const metrics = await fetch(`${gateway.opsUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(
      /chatops_webhooks_total\{event="Push Hook",outcome="accepted",service="gateway"\}/,
    );
    expect((await fetch(`${gateway.url}/metrics`)).status).toBe(404);
    for (const base of [gateway.url, gateway.opsUrl]) {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
    }
    expect((await fetch(`${gateway.opsUrl}/api/v1/openapi.json`)).status).toBe(404);
  });

  it('answers 503 while Redis is down and delivers again once it is back', async () => {
    const redis = new PrivateRedis(await freePort());
    await redis.start();
    const port = await freePort();
    const ownEnv = { ...env, REDIS_URL: redis.url, PUBLIC_URL: `http://127.0.0.1:${port}` };
    const gateway = await startService('gateway', { ...ownEnv, GATEWAY_PORT: String(port) });
    const notifier = await startService('notifier', ownEnv);
    const url = hookUrl.replace(/^http:\/\/127\.0\.0\.1:\d+/, gateway.url);
    try {
      expect((await sendPush({ 'idempotency-key': 'e2e-before-outage' }, undefined, url)).status).toBe(202);
      const sentBefore = () =>
        database.db.delivery.count({
          where: { eventKey: { in: ['e2e-before-outage', 'e2e-during-outage'] }, status: 'sent' },
        });
      await waitFor(async () => (await sentBefore()) === 1, { what: 'delivery before the outage' });
      await redis.stop();
      const during = await sendPush({ 'idempotency-key': 'e2e-during-outage' }, undefined, url);
      expect(during.status).toBe(503);
      expect(((await during.json()) as ErrorBody).error.code).toBe('queue_unavailable');

      await redis.start();
      // ioredis reconnects on its own; GitLab would retry the 503 the same way.
      await waitFor(
        async () => (await sendPush({ 'idempotency-key': 'e2e-during-outage' }, undefined, url)).status === 202,
        {
          timeoutMs: 15_000,
          intervalMs: 250,
          what: 'the gateway to accept again',
        },
      );
      await waitFor(async () => (await sentBefore()) === 2, { timeoutMs: 15_000, what: 'the delivery after recovery' });
    } finally {
      await Promise.all([gateway.stop(), notifier.stop()]);
      await redis.stop();
    }
  });
});
