import { storeOAuthSlackInstallation } from '@chatops/db';
import { FakeSlack } from '@chatops/testing';
import { cliTestContext } from '@chatops/test-support/cli';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { CommandFailed, UsageError } from '../command';
import { type CliContext } from '../context';
import { COMMANDS } from '../registry';
import { addTestWorkspace, BOT_TOKEN, BOT_USER, TEAM_ID } from '../../../testing/src/test-support/slack-fixture';
import { slackInstallApprove, slackInstallDeny } from './slack-install-decide';
import { slackInstallList } from './slack-install-list';
import { slackInstallRequests } from './slack-install-requests';

describe('slack:install:requests, slack:install:approve, slack:install:deny (fake Slack)', () => {
  const slack = new FakeSlack();
  let database: TestDatabase;
  let lines: string[];
  let context: CliContext;

  beforeAll(async () => {
    database = await createTestDatabase();
    await slack.start();
    const unused = () => Promise.reject(new Error('install decisions do not enqueue'));
    context = cliTestContext({
      db: database.db,
      queues: { enqueue: unused, requeue: unused, queue: unused as never, whenConnected: unused },
      print: (line) => void lines.push(line),
      slackApiUrl: `${slack.url}/api`,
    });
  });
  afterAll(async () => {
    await slack.stop();
    await database.drop();
  });
  beforeEach(async () => {
    lines = [];
    slack.reset();
    addTestWorkspace(slack);
    await database.db.installRequest.deleteMany();
    await database.db.slackInstallation.deleteMany();
  });

  const pending = async () => {
    const outcome = await storeOAuthSlackInstallation(database.db, context.box, {
      teamId: TEAM_ID,
      teamName: 'Acme',
      botUserId: BOT_USER,
      botToken: BOT_TOKEN,
      scopes: ['commands'],
      installedBy: 'U0ALICE001',
      manifest: {},
      requestMessage: 'For the\nrelease channel',
      requiresApproval: true,
    });
    if (outcome.kind !== 'pending') throw new Error('expected pending');
    return outcome;
  };

  it('are listed, and list what waits with its message', async () => {
    expect(COMMANDS).toEqual(expect.arrayContaining([slackInstallRequests, slackInstallApprove, slackInstallDeny]));
    await slackInstallRequests.run({}, context, []);
    expect(lines).toEqual(['no install requests waiting']);
    const { request, installation } = await pending();
    lines = [];
    await slackInstallRequests.run({}, context, []);
    expect(lines).toEqual([
      `${request.id}  Acme (${TEAM_ID})  by U0ALICE001  ${request.createdAt.toISOString()}  pending  "For the release channel"`,
    ]);
    lines = [];
    await slackInstallList.run({}, context, []);
    expect(lines).toEqual([`${installation.id}  ${TEAM_ID}  Acme  pending approval  incident channels off`]);
    expect(slackInstallRequests.check?.({ status: 'maybe' })).toEqual([
      '--status is one of pending, approved, denied, all',
    ]);
  });

  it('approve: served from now on, the installer told by DM, audited as cli', async () => {
    const { request } = await pending();
    await slackInstallApprove.run({ id: request.id, note: 'ok' }, context, []);
    expect(lines).toEqual([`approved the install into Acme (${TEAM_ID})`, 'told U0ALICE001 in a direct message']);
    expect(slack.messages('D0ALICE001')).toHaveLength(1);
    expect(
      await database.db.auditEntry.findFirst({ where: { action: 'slack_install_request.approve' } }),
    ).toMatchObject({
      actor: 'cli',
    });
    await expect(slackInstallApprove.run({ id: request.id }, context, [])).rejects.toThrow(CommandFailed);
  });

  it('deny: the installation deleted and its token revoked, the installer told', async () => {
    const { request } = await pending();
    await slackInstallDeny.run({ id: request.id }, context, []);
    expect(lines).toEqual([`denied the install into Acme (${TEAM_ID})`, 'told U0ALICE001 in a direct message']);
    expect(await database.db.slackInstallation.count()).toBe(0);
    expect(slack.callCount('auth.revoke')).toBe(1);
    await expect(slackInstallDeny.run({ id: 'nope' }, context, [])).rejects.toThrow(UsageError);
  });
});
