import { signSlackRequest } from '@chatops/chat';
import { createMattermostCommand } from '@chatops/db';
import { ErrorCode } from '@chatops/errors';
import { QueueName } from '@chatops/jobs';
import { type FastifyInstance } from 'fastify';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { testInfra } from '@chatops/test-support/infra';
import { openQueueInspector, type QueueInspector } from '@chatops/test-support/redis';
import { slackCommandForm } from '@chatops/test-support/slack-command-form';
import { buildGateway } from '../../app';
import { UNAVAILABLE_TEXT } from './acknowledge';
import { testGatewayDeps } from '../../../test/test-gateway';

const SIGNING_SECRET = 'slack-signing-secret-for-tests-0123456789';
const MATTERMOST_TOKEN = 'mattermost-command-token-0123456789abcdef';

const slackForm = (overrides: Record<string, string> = {}) =>
  slackCommandForm({
    text: 'mike/diaspora issue show 1',
    response_url: 'https://hooks.slack.com/commands/T0TEAM0001/1/abc',
    trigger_id: '1.2.3',
    ...overrides,
  });

describe('slash command endpoints (real Redis and PostgreSQL)', () => {
  let database: TestDatabase;
  let inspection: QueueInspector;
  let commandId: string;
  const apps: FastifyInstance[] = [];
  const clockMs = 1_800_000_000_000;

  async function gateway(
    overrides: { redisUrl?: string; signingSecret?: string | null; env?: Record<string, string> } = {},
  ): Promise<FastifyInstance> {
    const vars = {
      DATABASE_URL: database.url,
      REDIS_URL: overrides.redisUrl ?? testInfra().redisUrl,
      QUEUE_PREFIX: inspection.prefix,
      SLACK_SIGNING_SECRET: overrides.signingSecret === null ? undefined : (overrides.signingSecret ?? SIGNING_SECRET),
      ...overrides.env,
    };
    const { app } = await buildGateway(testGatewayDeps(vars, { now: () => clockMs }));
    apps.push(app);
    return app;
  }

  const slack = (
    app: FastifyInstance,
    options: { body?: string; timestamp?: number; signature?: string; headers?: Record<string, string> } = {},
  ) => {
    const body = options.body ?? slackForm();
    const timestamp = String(options.timestamp ?? Math.floor(clockMs / 1000));
    return app.inject({
      method: 'POST',
      url: '/slack/commands',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': timestamp,
        'x-slack-signature': options.signature ?? signSlackRequest(SIGNING_SECRET, timestamp, Buffer.from(body)),
        ...options.headers,
      },
      body,
    });
  };

  const mattermost = (app: FastifyInstance, options: { form?: Record<string, string>; authorization?: string } = {}) =>
    app.inject({
      method: 'POST',
      url: '/mattermost/commands',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(options.authorization ? { authorization: options.authorization } : {}),
      },
      body: new URLSearchParams({
        team_id: 'mmteam1',
        channel_id: 'mmchannel1',
        user_id: 'mmuser1',
        user_name: 'alice',
        command: '/gitlab',
        text: 'help',
        response_url: 'http://127.0.0.1:8065/hooks/commands/abc',
        ...options.form,
      }).toString(),
    });

  const queued = () => inspection.queues.queue(QueueName.Commands).getJobs(['waiting', 'delayed', 'active']);

  beforeAll(async () => {
    database = await createTestDatabase();
    const connection = await database.db.mattermostConnection.create({
      data: { name: 'mm', url: 'http://127.0.0.1:8065' },
    });
    ({ id: commandId } = await createMattermostCommand(database.db, {
      connectionId: connection.id,
      teamId: 'mmteam1',
      trigger: '/gitlab',
      token: MATTERMOST_TOKEN,
    }));
  });
  beforeEach(() => {
    inspection = openQueueInspector('slash');
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.close()));
    await inspection.close();
  });
  afterAll(() => database.drop());

  describe('Slack', () => {
    it('acknowledges a signed command with an empty 200 and queues it for the command-handler', async () => {
      const app = await gateway();
      const response = await slack(app);
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe('');
      const [job, ...rest] = await queued();
      expect(rest).toHaveLength(0);
      expect(job?.data).toMatchObject({
        provider: 'slack',
        teamId: 'T0TEAM0001',
        channelId: 'C0GENERAL1',
        userId: 'U0ALICE001',
        command: '/gitlab',
        text: 'mike/diaspora issue show 1',
        responseUrl: 'https://hooks.slack.com/commands/T0TEAM0001/1/abc',
        triggerId: '1.2.3',
      });
    });

    it('keeps Shift+Enter newlines in the text', async () => {
      const app = await gateway();
      expect(
        (await slack(app, { body: slackForm({ text: 'mike/diaspora issue new Title\nline one\nline two' }) }))
          .statusCode,
      ).toBe(200);
      expect((await queued())[0]?.data.text).toBe('mike/diaspora issue new Title\nline one\nline two');
    });

    it('refuses a wrong signature, another secret, a changed body and missing headers with 401; nothing is queued', async () => {
      const app = await gateway();
      const body = slackForm();
      const timestamp = String(Math.floor(clockMs / 1000));
      const cases = [
        await slack(app, { signature: 'v0=' + '0'.repeat(64) }),
        await slack(app, { signature: signSlackRequest('another-secret', timestamp, Buffer.from(body)) }),
        await slack(app, {
          body: slackForm({ text: 'mike/diaspora issue close 1' }),
          signature: signSlackRequest(SIGNING_SECRET, timestamp, Buffer.from(body)),
        }),
        await app.inject({
          method: 'POST',
          url: '/slack/commands',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        }),
      ];
      expect(cases.map((r) => r.statusCode)).toEqual([401, 401, 401, 401]);
      expect(cases.map((r) => r.json().error.code)).toEqual(Array(4).fill(ErrorCode.InvalidSignature));
      expect(await queued()).toHaveLength(0);
    });

    it('refuses timestamps more than 5 minutes old or ahead (stale_timestamp), even when signed', async () => {
      const app = await gateway();
      const now = Math.floor(clockMs / 1000);
      const old = await slack(app, { timestamp: now - 301 });
      const ahead = await slack(app, { timestamp: now + 301 });
      expect([old.statusCode, ahead.statusCode]).toEqual([401, 401]);
      expect(old.json().error.code).toBe(ErrorCode.StaleTimestamp);
      expect((await slack(app, { timestamp: now - 299 })).statusCode).toBe(200);
      expect(await queued()).toHaveLength(1);
    });

    it('runs a replayed request (same signature and body) once', async () => {
      const app = await gateway();
      const body = slackForm();
      const timestamp = String(Math.floor(clockMs / 1000));
      const signature = signSlackRequest(SIGNING_SECRET, timestamp, Buffer.from(body));
      const first = await slack(app, { body, signature });
      const replay = await slack(app, { body, signature });
      expect([first.statusCode, replay.statusCode]).toEqual([200, 200]);
      expect(await queued()).toHaveLength(1);
    });

    it('answers 400 for a signed but malformed form, 415 for JSON, 413 for an oversize body', async () => {
      const app = await gateway();
      const missing = await slack(app, { body: 'team_id=T1&text=help' });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.message).toMatch(/channel_id/);
      const repeated = await slack(app, { body: `${slackForm()}&text=again` });
      expect(repeated.statusCode).toBe(400);
      const badUrl = await slack(app, { body: slackForm({ response_url: 'javascript:alert(1)' }) });
      expect(badUrl.statusCode).toBe(400);
      const json = await app.inject({
        method: 'POST',
        url: '/slack/commands',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(json.statusCode).toBe(415);
      const huge = await slack(app, { body: slackForm({ text: 'x'.repeat(70 * 1024) }) });
      expect(huge.statusCode).toBe(413);
      expect(await queued()).toHaveLength(0);
    });

    it('refuses (400, naming response_url) a signed command whose response_url is not on an allowed origin; nothing is queued', async () => {
      const app = await gateway();
      for (const responseUrl of [
        'http://169.254.169.254/latest/meta-data',
        'https://hooks.slack.com.evil.example/commands/1',
        'http://hooks.slack.com/commands/1',
      ]) {
        const response = await slack(app, { body: slackForm({ response_url: responseUrl }) });
        expect(response.statusCode).toBe(400);
        expect(response.json().error).toMatchObject({
          code: ErrorCode.ValidationFailed,
          details: { fields: ['response_url'] },
        });
        expect(response.json().error.message).toMatch(/SLACK_RESPONSE_URL_ORIGINS/);
      }
      expect(await queued()).toHaveLength(0);
      // An operator's own origin (a Slack stand-in, say) is allowed once listed.
      const listed = await gateway({
        env: { SLACK_RESPONSE_URL_ORIGINS: 'https://hooks.slack.com, http://127.0.0.1:9999' },
      });
      expect(
        (await slack(listed, { body: slackForm({ response_url: 'http://127.0.0.1:9999/commands/1' }) })).statusCode,
      ).toBe(200);
      expect(await queued()).toHaveLength(1);
    });

    it('refuses every request when no signing secret is configured', async () => {
      const app = await gateway({ signingSecret: null });
      expect((await slack(app)).statusCode).toBe(401);
      expect(await queued()).toHaveLength(0);
    });

    describe('with the Slack app settings stored by an administrator', () => {
      const putSlackApp = (app: FastifyInstance, body: Record<string, unknown>) =>
        app.inject({
          method: 'PUT',
          url: '/api/v1/slack/app',
          headers: { authorization: `Bearer ${'a'.repeat(32)}`, 'content-type': 'application/json' },
          payload: JSON.stringify(body),
        });
      afterEach(() => database.db.slackAppSettings.deleteMany());

      it('verifies with the stored signing secret, taken without a restart', async () => {
        const app = await gateway({ signingSecret: null });
        expect((await slack(app)).statusCode).toBe(401);
        expect((await putSlackApp(app, { signingSecret: SIGNING_SECRET })).statusCode).toBe(200);
        expect((await slack(app)).statusCode).toBe(200);
        expect(await queued()).toHaveLength(1);
      });

      it('prefers SLACK_SIGNING_SECRET over the stored one', async () => {
        const app = await gateway();
        await putSlackApp(app, { signingSecret: 'another-secret' });
        expect((await slack(app)).statusCode).toBe(200);
      });

      it('refuses every request with 403 slack_app_disabled while the app is turned off', async () => {
        const app = await gateway();
        await putSlackApp(app, { enabled: false });
        const response = await slack(app);
        expect(response.statusCode).toBe(403);
        expect(response.json()).toMatchObject({ error: { code: ErrorCode.SlackAppDisabled } });
        expect(await queued()).toHaveLength(0);
        await putSlackApp(app, { enabled: true });
        expect((await slack(app)).statusCode).toBe(200);
      });
    });

    it('answers 200 with an ephemeral "unavailable" text (never a 5xx) when Redis cannot take the command', async () => {
      const app = await gateway({ redisUrl: 'redis://127.0.0.1:1' });
      const response = await slack(app);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ response_type: 'ephemeral', text: UNAVAILABLE_TEXT });
    });
  });

  describe('Mattermost', () => {
    it('accepts the token from the Authorization header or the form, queues the command with its id, answers empty ephemeral JSON', async () => {
      const app = await gateway();
      const viaHeader = await mattermost(app, {
        authorization: `Token ${MATTERMOST_TOKEN}`,
        form: { trigger_id: 'a' },
      });
      const viaForm = await mattermost(app, { form: { token: MATTERMOST_TOKEN, trigger_id: 'b' } });
      expect([viaHeader.statusCode, viaForm.statusCode]).toEqual([200, 200]);
      expect(viaHeader.json()).toEqual({ response_type: 'ephemeral', text: '' });
      const jobs = await queued();
      expect(jobs.map((job) => job.data.mattermostCommandId)).toEqual([commandId, commandId]);
      expect(jobs[0]?.data).toMatchObject({
        provider: 'mattermost',
        teamId: 'mmteam1',
        userId: 'mmuser1',
        text: 'help',
      });
    });

    it('refuses unknown or missing tokens, and a known token used from another team, with 401', async () => {
      const app = await gateway();
      const responses = [
        await mattermost(app, { authorization: 'Token not-the-token' }),
        await mattermost(app, { form: { token: `${MATTERMOST_TOKEN}x` } }),
        await mattermost(app),
        await mattermost(app, { form: { token: MATTERMOST_TOKEN, team_id: 'otherteam' } }),
      ];
      expect(responses.map((r) => r.statusCode)).toEqual([401, 401, 401, 401]);
      expect(responses.map((r) => r.json().error.code)).toEqual(Array(4).fill(ErrorCode.InvalidToken));
      expect(await queued()).toHaveLength(0);
    });

    it('runs a repeated trigger_id once', async () => {
      const app = await gateway();
      await mattermost(app, { form: { token: MATTERMOST_TOKEN, trigger_id: 'same' } });
      await mattermost(app, { form: { token: MATTERMOST_TOKEN, trigger_id: 'same' } });
      expect(await queued()).toHaveLength(1);
    });

    it("refuses (400) a command whose response_url is not on its Mattermost server's origin, unless listed in MATTERMOST_RESPONSE_URL_ORIGINS", async () => {
      const app = await gateway();
      const elsewhere = { token: MATTERMOST_TOKEN, response_url: 'http://10.0.0.5:8080/internal', trigger_id: 'x1' };
      const refused = await mattermost(app, { form: elsewhere });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.message).toMatch(/MATTERMOST_RESPONSE_URL_ORIGINS/);
      // The server's own origin may be an internal address: the refusal does not name it.
      expect(refused.json().error.message).not.toContain('127.0.0.1:8065');
      expect(await queued()).toHaveLength(0);
      // The server's Site URL, when it differs from the URL the connection reaches it by.
      const siteUrl = await gateway({ env: { MATTERMOST_RESPONSE_URL_ORIGINS: 'https://chat.example.com' } });
      const accepted = await mattermost(siteUrl, {
        form: {
          token: MATTERMOST_TOKEN,
          response_url: 'https://chat.example.com/hooks/commands/abc',
          trigger_id: 'x2',
        },
      });
      expect(accepted.statusCode).toBe(200);
      expect((await mattermost(siteUrl, { form: { ...elsewhere, trigger_id: 'x3' } })).statusCode).toBe(400);
      expect(await queued()).toHaveLength(1);
    });

    it('refuses (400, not 503) the response_url of a command whose stored server URL does not parse, unless listed', async () => {
      await database.db.mattermostConnection.updateMany({ data: { url: 'https://a b' } });
      try {
        const app = await gateway();
        const refused = await mattermost(app, { form: { token: MATTERMOST_TOKEN, trigger_id: 'y1' } });
        expect(refused.statusCode).toBe(400);
        expect(refused.json().error).toMatchObject({
          code: ErrorCode.ValidationFailed,
          details: { fields: ['response_url'] },
        });
        const listed = await gateway({ env: { MATTERMOST_RESPONSE_URL_ORIGINS: 'http://127.0.0.1:8065' } });
        expect((await mattermost(listed, { form: { token: MATTERMOST_TOKEN, trigger_id: 'y2' } })).statusCode).toBe(
          200,
        );
        expect(await queued()).toHaveLength(1);
      } finally {
        await database.db.mattermostConnection.updateMany({ data: { url: 'http://127.0.0.1:8065' } });
      }
    });

    it('answers 400 for a malformed form before looking at the token', async () => {
      const app = await gateway();
      const response = await app.inject({
        method: 'POST',
        url: '/mattermost/commands',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'text=%E0%A4%A',
      });
      expect(response.statusCode).toBe(400);
    });
  });
});
