import { signFormState, signSlackRequest } from '@chatops/chat';
import { createEndpoint, createMattermostCommand, SecretBox } from '@chatops/db';
import { ErrorCode } from '@chatops/errors';
import { QueueName } from '@chatops/jobs';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { loadFixture } from '@chatops/test-support/fixtures';
import { TEST_ENCRYPTION_KEY } from '@chatops/test-support/infra';
import { openQueueInspector, type QueueInspector } from '@chatops/test-support/redis';
import { seedDiasporaProject } from '@chatops/test-support/seed';
import { slackCommandForm } from '@chatops/test-support/slack-command-form';
import { type FastifyInstance } from 'fastify';
import { buildGateway, type GatewayServers } from '../app';
import { FORM_STATE_KEY } from '../../test/interactive-chats';
import { testGatewayDeps } from '../../test/test-gateway';

const push = JSON.stringify(loadFixture('push.json'));
const SIGNING_SECRET = 'slack-signing-secret-for-tests-0123456789';
const MATTERMOST_TOKEN = 'mattermost-command-token-0123456789abcdef';
/**
 * Limits a test exceeds at once, whatever the machine's load: a burst of 2, then one request
 * every 10 s (so Retry-After is 1 to 10 s).
 */
const SLOW = { perSecond: '0.1', burst: '2' };
/** Limits a test sees refill: one request, then one every 500 ms (Retry-After 1 s). */
const FAST = { perSecond: '2', burst: '1' };

/** The Retry-After of a refusal, checked to be a whole number of seconds from 1 to `max`. */
function retryAfter(response: { headers: Record<string, unknown> }, max = 10): number {
  const value = Number(response.headers['retry-after']);
  expect(Number.isInteger(value) && value >= 1 && value <= max).toBe(true);
  return value;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('gateway rate limits (real Redis and PostgreSQL)', () => {
  let database: TestDatabase;
  let inspection: QueueInspector;
  let servers: GatewayServers;
  let app: FastifyInstance | undefined;
  const endpoints: Record<'a' | 'b' | 'signed', { id: string; secret: string }> = {
    a: { id: '', secret: '' },
    b: { id: '', secret: '' },
    signed: { id: '', secret: '' },
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const project = await seedDiasporaProject(database.db, { webUrl: 'http://example.com/mike/diaspora' });
    for (const name of ['a', 'b'] as const) {
      const { endpoint, secret } = await createEndpoint(database.db, { projectId: project.id });
      endpoints[name] = { id: endpoint.id, secret };
    }
    const signed = await createEndpoint(database.db, {
      projectId: project.id,
      signingBox: new SecretBox(Buffer.from(TEST_ENCRYPTION_KEY, 'hex')),
    });
    endpoints.signed = { id: signed.endpoint.id, secret: signed.secret };
    const connection = await database.db.mattermostConnection.create({
      data: { name: 'mm', url: 'http://127.0.0.1:8065' },
    });
    await createMattermostCommand(database.db, {
      connectionId: connection.id,
      teamId: 'mmteam1',
      trigger: '/gitlab',
      token: MATTERMOST_TOKEN,
    });
  });
  beforeEach(() => {
    // A queue prefix per test: the budgets live under it too, so each test starts with full buckets.
    inspection = openQueueInspector('limits');
  });

  /** The gateway of a test, with the same limits for endpoints and teams. */
  async function start(limits: { perSecond: string; burst: string } = SLOW): Promise<void> {
    servers = await buildGateway(
      testGatewayDeps({
        DATABASE_URL: database.url,
        QUEUE_PREFIX: inspection.prefix,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        GATEWAY_ENDPOINT_RATE_PER_SECOND: limits.perSecond,
        GATEWAY_ENDPOINT_BURST: limits.burst,
        GATEWAY_TEAM_RATE_PER_SECOND: limits.perSecond,
        GATEWAY_TEAM_BURST: limits.burst,
      }),
    );
    app = servers.app;
  }

  function gateway(): FastifyInstance {
    if (!app) throw new Error('start() the gateway first');
    return app;
  }

  /** Sends until one is refused (a few at most, with FAST limits); that refusal. */
  async function spendAll<R extends { statusCode: number; headers: Record<string, unknown> }>(
    send: () => Promise<R>,
  ): Promise<R> {
    for (let i = 0; i < 20; i++) {
      const response = await send();
      if (response.headers['retry-after'] !== undefined) return response;
    }
    throw new Error('never refused');
  }

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await inspection.close();
  });
  afterAll(() => database.drop());

  const queued = (queue: QueueName) => inspection.queues.queue(queue).getJobs(['waiting', 'delayed', 'active']);

  /** A counter's value from the ops server's /metrics, by name and labels (undefined: never counted). */
  const metric = async (name: string, labels: Record<string, string>) => {
    const text = (await servers.ops.inject({ method: 'GET', url: '/metrics' })).body;
    const line = text
      .split('\n')
      .find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
    return line?.split(' ').pop();
  };

  const hook = (endpoint: { id: string; secret: string }, headers: Record<string, string> = {}) =>
    gateway().inject({
      method: 'POST',
      url: `/hooks/gitlab/${endpoint.id}`,
      headers: {
        'content-type': 'application/json',
        'x-gitlab-token': endpoint.secret,
        'x-gitlab-event': 'Push Hook',
        ...headers,
      },
      body: push,
    });

  /** A signed Slack request; every body differs (a new trigger id), so none is taken for a replay. */
  let slackRequests = 0;
  const slackPost = (url: string, body: string) => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    return gateway().inject({
      method: 'POST',
      url,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': timestamp,
        'x-slack-signature': signSlackRequest(SIGNING_SECRET, timestamp, Buffer.from(body)),
      },
      body,
    });
  };
  const slackCommand = (teamId = 'T0TEAM0001') =>
    slackPost(
      '/slack/commands',
      slackCommandForm({
        team_id: teamId,
        text: 'mike/diaspora issue show 1',
        response_url: `https://hooks.slack.com/commands/${teamId}/1/abc`,
        trigger_id: `1.2.${(slackRequests += 1)}`,
      }),
    );
  const slackInteraction = (payload: Record<string, unknown>) =>
    slackPost('/slack/interactions', new URLSearchParams({ payload: JSON.stringify(payload) }).toString());

  const mattermostCommand = () =>
    gateway().inject({
      method: 'POST',
      url: '/mattermost/commands',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Token ${MATTERMOST_TOKEN}` },
      body: new URLSearchParams({
        team_id: 'mmteam1',
        channel_id: 'mmchannel1',
        user_id: 'mmuser1',
        user_name: 'alice',
        command: '/gitlab',
        text: 'help',
        response_url: 'http://127.0.0.1:8065/hooks/commands/abc',
        trigger_id: `mm-trigger-${(slackRequests += 1)}`,
      }).toString(),
    });

  describe('POST /hooks/gitlab/:endpointId', () => {
    it('answers 429 with Retry-After once an endpoint spent its budget, and enqueues nothing for it', async () => {
      await start();
      expect((await hook(endpoints.a)).statusCode).toBe(202);
      expect((await hook(endpoints.a)).statusCode).toBe(202);

      const refused = await hook(endpoints.a);

      expect(refused.statusCode).toBe(429);
      const seconds = retryAfter(refused);
      expect(refused.json()).toEqual({
        error: {
          code: ErrorCode.RateLimited,
          message: `too many requests for this webhook endpoint; try again in ${seconds} s`,
          details: { scope: 'endpoint', retryAfterSeconds: seconds },
        },
      });
      expect(await queued(QueueName.Events)).toHaveLength(2);
      expect(await metric('chatops_gateway_rate_limited_total', { scope: 'endpoint' })).toBe('1');
      expect(await metric('chatops_webhooks_total', { event: 'Push Hook', outcome: 'rate_limited' })).toBe('1');
      // Another endpoint has a budget of its own.
      expect((await hook(endpoints.b)).statusCode).toBe(202);
    });

    it('refills an endpoint’s budget: after Retry-After, it is accepted again', async () => {
      await start(FAST);
      const refused = await spendAll(() => hook(endpoints.a));
      expect(refused.statusCode).toBe(429);

      await sleep(retryAfter(refused, 1) * 1000 + 50);

      expect((await hook(endpoints.a)).statusCode).toBe(202);
    });

    it('spends nothing on requests that fail authentication', async () => {
      await start();
      for (let i = 0; i < 5; i++) expect((await hook(endpoints.a, { 'x-gitlab-token': 'wrong' })).statusCode).toBe(401);
      // A signed endpoint's budget waits for the signature: its token alone spends nothing.
      for (let i = 0; i < 5; i++) expect((await hook(endpoints.signed)).statusCode).toBe(401);
      expect((await hook(endpoints.a)).statusCode).toBe(202);
      expect((await hook(endpoints.a)).statusCode).toBe(202);
      expect(await metric('chatops_gateway_rate_limited_total', { scope: 'endpoint' })).toBeUndefined();
    });
  });

  describe('slash commands and interactions, per team', () => {
    it('tells a Slack user when to retry, with a 200 Slack shows, and queues nothing', async () => {
      await start();
      expect((await slackCommand()).body).toBe('');
      expect((await slackCommand()).body).toBe('');

      const refused = await slackCommand();

      expect(refused.statusCode).toBe(200);
      const seconds = retryAfter(refused);
      expect(refused.json()).toEqual({
        response_type: 'ephemeral',
        text: `Too many commands from this workspace right now, so nothing was done. Please try again in ${seconds} s.`,
      });
      expect(await queued(QueueName.Commands)).toHaveLength(2);
      expect(await metric('chatops_slash_commands_total', { provider: 'slack', outcome: 'rate_limited' })).toBe('1');
      expect(await metric('chatops_gateway_rate_limited_total', { scope: 'team' })).toBe('1');
      // Another workspace has a budget of its own.
      expect((await slackCommand('T0OTHER001')).body).toBe('');
      expect(await queued(QueueName.Commands)).toHaveLength(3);
    });

    it('refills a workspace’s budget: after Retry-After, its commands run again', async () => {
      await start(FAST);
      const refused = await spendAll(() => slackCommand());

      await sleep(retryAfter(refused, 1) * 1000 + 50);

      const again = await slackCommand();
      expect(again.statusCode).toBe(200);
      expect(again.body).toBe('');
    });

    it('shares a workspace’s budget between its commands and its interactions', async () => {
      await start();
      await slackCommand();
      await slackCommand();
      const team = { id: 'T0TEAM0001' };
      const user = { id: 'U0ALICE001' };

      const submission = await slackInteraction({
        type: 'view_submission',
        team,
        user,
        view: { id: 'V1', callback_id: 'incident_modal', state: { values: {} } },
      });
      const click = await slackInteraction({
        type: 'block_actions',
        team,
        user,
        actions: [{ action_id: 'incident_choice', value: 'choice-1' }],
      });

      // The modal stays open with the reason; a button click gets the 429 (Slack marks it failed).
      expect(submission.statusCode).toBe(200);
      const seconds = retryAfter(submission);
      expect(submission.json()).toEqual({
        response_action: 'errors',
        errors: {
          title_input: `Too many requests from this workspace right now. Please submit again in ${seconds} s.`,
        },
      });
      expect(click.statusCode).toBe(429);
      retryAfter(click);
      expect(click.json().error.code).toBe(ErrorCode.RateLimited);
      expect(await queued(QueueName.Incidents)).toHaveLength(0);
    });

    it('limits a Mattermost team the same way, its commands and its dialogs', async () => {
      await start();
      expect((await mattermostCommand()).json()).toEqual({ response_type: 'ephemeral', text: '' });
      expect((await mattermostCommand()).statusCode).toBe(200);

      const refused = await mattermostCommand();
      const dialog = await gateway().inject({
        method: 'POST',
        url: '/mattermost/dialogs',
        payload: {
          type: 'dialog_submission',
          callback_id: 'incident_modal',
          state: signFormState(FORM_STATE_KEY, 'form-1'),
          user_id: 'mmuser1',
          team_id: 'mmteam1',
          submission: {},
        },
      });

      expect(refused.statusCode).toBe(200);
      const seconds = retryAfter(refused);
      expect(refused.json()).toEqual({
        response_type: 'ephemeral',
        text: `Too many commands from this team right now, so nothing was done. Please try again in ${seconds} s.`,
      });
      expect(dialog.statusCode).toBe(200);
      expect(dialog.json()).toEqual({
        error: `Too many requests from this team right now. Please try again in ${retryAfter(dialog)} s.`,
      });
      expect(await queued(QueueName.Commands)).toHaveLength(2);
      expect(await queued(QueueName.Incidents)).toHaveLength(0);
    });
  });
});
