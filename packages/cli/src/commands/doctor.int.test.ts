import { saveAuditedSlackAppSettings, saveSlackInstallation } from '@chatops/db';
import { type DoctorReport } from '@chatops/slack-app';
import { FakeSlack, freePort } from '@chatops/testing';
import { cliTestContext } from '@chatops/test-support/cli';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { CommandFailed } from '../command';
import { type CliContext } from '../context';
import { COMMANDS } from '../registry';
import { BOT_TOKEN, BOT_USER, TEAM_ID } from '../../../testing/src/test-support/slack-fixture';
import { doctor } from './doctor';

describe('doctor, on a broken configuration (fake Slack)', () => {
  const slack = new FakeSlack();
  let database: TestDatabase;
  let lines: string[];
  let context: CliContext;

  beforeAll(async () => {
    database = await createTestDatabase();
    await slack.start();
    slack.addWorkspace({
      teamId: TEAM_ID,
      teamName: 'Acme',
      botToken: BOT_TOKEN,
      botUserId: BOT_USER,
      scopes: ['commands'],
    });
    const unused = () => Promise.reject(new Error('doctor does not enqueue'));
    context = cliTestContext({
      db: database.db,
      queues: { enqueue: unused, requeue: unused, queue: unused as never, whenConnected: unused },
      print: (line) => void lines.push(line),
      slackApiUrl: `${slack.url}/api`,
      // Nothing listens there: the gateway is down, or PUBLIC_URL leads nowhere.
      publicUrl: `http://127.0.0.1:${await freePort()}`,
    });
    await saveAuditedSlackAppSettings(database.db, context.box, { enabled: false, clientId: '1.2' }, { actor: 'test' });
    await saveSlackInstallation(database.db, context.box, {
      teamId: TEAM_ID,
      teamName: 'Acme',
      botUserId: BOT_USER,
      botToken: BOT_TOKEN,
      scopes: ['commands'],
    });
  });
  afterAll(async () => {
    await slack.stop();
    await database.drop();
  });
  beforeEach(() => {
    lines = [];
  });

  it('is listed, fails (exit code 1) and prints each problem with what to fix', async () => {
    expect(COMMANDS).toContain(doctor);
    const failed = await doctor.run({}, context, []).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(CommandFailed);
    const report = (failed as CommandFailed).data as DoctorReport;
    expect(Object.fromEntries(report.checks.map((c) => [c.id, c.status]))).toEqual({
      app_enabled: 'fail',
      signing_secret: 'fail',
      oauth_credentials: 'warn',
      public_url_https: 'warn',
      public_url_reachable: 'fail',
      slack_api: 'ok',
      [`installation:${TEAM_ID}`]: 'warn',
    });
    expect(lines).toEqual(
      expect.arrayContaining([
        "FAIL  app_enabled: The Slack app is turned off: Slack's requests are refused and nobody can install it",
        '      fix: chatops slack:app:set (or PUT /api/v1/slack/app) --enable',
        'FAIL  signing_secret: No signing secret: every request from Slack is refused',
        expect.stringMatching(
          /^FAIL {2}public_url_reachable: http:\/\/127\.0\.0\.1:\d+\/healthz cannot be reached \(ECONNREFUSED\)$/,
        ),
        expect.stringMatching(
          /^WARN {2}installation:T0TEAM0001: Acme \(T0TEAM0001\): the bot token works but lacks chat:write, /,
        ),
        '3 problem(s) found.',
      ]),
    );
    expect(lines.join('\n')).toContain('dispatch_failed');
  });

  it('passes the signing secret from SLACK_SIGNING_SECRET, as the services would', async () => {
    await doctor.run({}, { ...context, slackAppEnv: { SLACK_SIGNING_SECRET: 'from-env' } }, []).catch(() => undefined);
    expect(lines).toContain(
      'ok    signing_secret: A signing secret is set (from the environment) and signs and verifies a sample request',
    );
  });
});
