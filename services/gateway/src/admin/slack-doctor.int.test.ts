import { saveSlackInstallation, SecretBox } from '@chatops/db';
import { SLACK_BOT_SCOPES } from '@chatops/slack-app';
import { FakeSlack, freePort } from '@chatops/testing';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { TEST_ENCRYPTION_KEY } from '@chatops/test-support/infra';
import { deletePrefix, uniquePrefix } from '@chatops/test-support/redis';
import { type FastifyInstance } from 'fastify';
import { BOT_TOKEN, BOT_USER, TEAM_ID } from '../../../../packages/testing/src/test-support/slack-fixture';
import { buildGateway } from '../app';
import { testGatewayDeps } from '../../test/test-gateway';

const box = new SecretBox(Buffer.from(TEST_ENCRYPTION_KEY, 'hex'));
const ADMIN = { authorization: `Bearer ${'a'.repeat(32)}` };

describe('GET /api/v1/slack/doctor on a running gateway (fake Slack, real Redis and PostgreSQL)', () => {
  const slack = new FakeSlack();
  let database: TestDatabase;
  let prefix: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await createTestDatabase();
    await slack.start();
  });
  afterAll(async () => {
    await slack.stop();
    await database.drop();
  });
  beforeEach(async () => {
    slack.reset();
    slack.addWorkspace({
      teamId: TEAM_ID,
      teamName: 'Acme',
      botToken: BOT_TOKEN,
      botUserId: BOT_USER,
      scopes: [...SLACK_BOT_SCOPES],
    });
    await database.db.slackInstallation.deleteMany();
    prefix = uniquePrefix('doctor');
    // The gateway is reached at PUBLIC_URL, as Slack would reach it (loopback http here).
    const port = await freePort();
    const deps = testGatewayDeps({
      DATABASE_URL: database.url,
      QUEUE_PREFIX: prefix,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SLACK_API_URL: `${slack.url}/api`,
      SLACK_SIGNING_SECRET: 'slack-signing-secret-doctor',
      SLACK_CLIENT_ID: '1.2',
      SLACK_CLIENT_SECRET: 'client-secret',
    });
    ({ app } = await buildGateway(deps));
    await app.listen({ host: '127.0.0.1', port });
  });
  afterEach(async () => {
    await app.close();
    await deletePrefix(prefix);
  });

  const doctor = async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/slack/doctor', headers: ADMIN });
    expect(response.statusCode).toBe(200);
    return response.json<{
      ok: boolean;
      checks: Array<{ id: string; status: string; summary: string }>;
      notes: string[];
    }>();
  };
  const statuses = (report: Awaited<ReturnType<typeof doctor>>) =>
    Object.fromEntries(report.checks.map((c) => [c.id, c.status]));

  it('passes a working setup: the signed url_verification reaches this gateway, the bot token has every scope', async () => {
    await saveSlackInstallation(database.db, box, {
      teamId: TEAM_ID,
      teamName: 'Acme',
      botUserId: BOT_USER,
      botToken: BOT_TOKEN,
      scopes: [...SLACK_BOT_SCOPES],
    });
    const report = await doctor();
    expect(statuses(report)).toEqual({
      app_enabled: 'ok',
      signing_secret: 'ok',
      oauth_credentials: 'ok',
      public_url_https: 'warn',
      public_url_reachable: 'ok',
      signed_request: 'ok',
      slack_api: 'ok',
      [`installation:${TEAM_ID}`]: 'ok',
    });
    expect(report.ok).toBe(true);
  });

  it('fails a revoked bot token and a gateway whose app is turned off', async () => {
    await saveSlackInstallation(database.db, box, {
      teamId: TEAM_ID,
      teamName: 'Acme',
      botUserId: BOT_USER,
      botToken: BOT_TOKEN,
      scopes: [...SLACK_BOT_SCOPES],
    });
    slack.revokeToken(BOT_TOKEN);
    await app.inject({
      method: 'PUT',
      url: '/api/v1/slack/app',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      payload: JSON.stringify({ enabled: false }),
    });
    try {
      const report = await doctor();
      expect(report.ok).toBe(false);
      expect(statuses(report)).toMatchObject({
        app_enabled: 'fail',
        signed_request: 'fail',
        [`installation:${TEAM_ID}`]: 'fail',
      });
      expect(report.checks.find((c) => c.id === `installation:${TEAM_ID}`)?.summary).toContain('token_revoked');
      expect(report.notes.join('\n')).toContain('dispatch_failed');
    } finally {
      await database.db.slackAppSettings.deleteMany();
    }
  });
});
