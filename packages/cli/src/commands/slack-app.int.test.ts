import { listAuditEntries } from '@chatops/db';
import { cliTestContext } from '@chatops/test-support/cli';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { UsageError } from '../command';
import { type CliContext } from '../context';
import { COMMANDS } from '../registry';
import { slackAppSet } from './slack-app-set';
import { slackAppShow } from './slack-app-show';

describe('slack:app:show and slack:app:set', () => {
  let database: TestDatabase;
  let lines: string[];
  const unused = () => Promise.reject(new Error('the Slack app settings do not enqueue'));
  const context = (slackAppEnv: CliContext['slackAppEnv'] = {}) =>
    cliTestContext({
      db: database.db,
      queues: { enqueue: unused, requeue: unused, queue: unused as never, whenConnected: unused },
      print: (line) => void lines.push(line),
      slackAppEnv,
    });

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  beforeEach(() => {
    lines = [];
  });
  afterAll(() => database.drop());

  it('are listed, and show an app with nothing set yet', async () => {
    expect(COMMANDS).toEqual(expect.arrayContaining([slackAppShow, slackAppSet]));
    await slackAppShow.run({}, context(), []);
    expect(lines).toEqual([
      'enabled: yes',
      'client id: not set',
      'client secret: not set',
      'signing secret: not set',
      'verification token: not set',
      'install policy: approval',
      'pre-approved teams: none',
      'approval link: none',
      'install URL: http://127.0.0.1:3000/slack/install',
    ]);
  });

  it('store the credentials sealed, audited as cli, and never print a secret', async () => {
    await slackAppSet.run(
      {
        'client-id': '123.456',
        'client-secret': 'client-secret-value',
        'signing-secret': 'signing-secret-value',
        policy: 'open',
        'pre-approved': 'T0ONE,T0TWO',
      },
      context({ SLACK_CLIENT_SECRET: 'env-secret' }),
      [],
    );
    expect(lines).toEqual([
      'saved; every gateway applies it within a few seconds',
      'enabled: yes',
      'client id: 123.456, stored',
      'client secret: set, from the environment (overrides the stored one)',
      'signing secret: set, stored',
      'verification token: not set',
      'install policy: open',
      'pre-approved teams: T0ONE, T0TWO',
      'approval link: none',
      'install URL: http://127.0.0.1:3000/slack/install',
    ]);
    expect(lines.join('\n')).not.toContain('secret-value');
    const { items } = await listAuditEntries(database.db, { limit: 1 });
    expect(items[0]).toMatchObject({ actor: 'cli', action: 'slack_app.update' });
  });

  it('turn the app off, clear a value with "", and refuse to change nothing', async () => {
    const view = await slackAppSet.run({ disable: true, 'client-secret': '' }, context(), []);
    expect(view).toMatchObject({ enabled: false, clientSecret: { set: false, stored: false } });
    await expect(slackAppSet.run({}, context(), [])).rejects.toThrow(UsageError);
  });

  it('check their options before touching anything', () => {
    expect(
      slackAppSet.check?.({
        enable: true,
        disable: true,
        policy: 'maybe',
        'pre-approved': 'T0OK,general',
        'approval-link': 'x',
      }),
    ).toEqual([
      'give at most one of --enable and --disable',
      '--policy is open or approval',
      '--pre-approved: general is not a Slack team id (T…)',
      '--approval-link must be an http(s) URL',
    ]);
  });
});
