import { formStateKey } from '@chatops/chat';
import { QueueName } from '@chatops/jobs';
import { FakeMattermost, FakeSlack } from '@chatops/testing';
import { type FastifyInstance } from 'fastify';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { TEST_ENCRYPTION_KEY } from '@chatops/test-support/infra';
import { openQueueInspector, type QueueInspector } from '@chatops/test-support/redis';
import { buildGateway } from '../src/app';
import { testGatewayDeps } from './test-gateway';

export const SIGNING_SECRET = 'slack-signing-secret-for-tests-0123456789';
/** The key form states and button contexts are signed with (the incident service's too). */
export const FORM_STATE_KEY = formStateKey(Buffer.from(TEST_ENCRYPTION_KEY, 'hex'));

export const SLACK = {
  team: 'T0TEAM0001',
  bot: 'U0BOT00001',
  botToken: 'xoxb-test',
  user: 'U0ALICE001',
  channel: 'C0GENERAL1',
};
export const MM = {
  team: 'teamaaaaaaaaaaaaaaaaaaaaaa',
  bot: 'botuseraaaaaaaaaaaaaaaaaaa',
  botToken: 'mm-bot-token',
  user: 'aliceaaaaaaaaaaaaaaaaaaaaa',
  channel: 'townsquareaaaaaaaaaaaaaaaa',
};

export interface InteractiveGateway {
  readonly slack: FakeSlack;
  readonly mattermost: FakeMattermost;
  readonly app: FastifyInstance;
  /** Where the gateway listens (the fakes post there, as the chats post to the app). */
  readonly url: string;
  readonly prefix: string;
  /** The incidents jobs queued (and not yet taken). */
  queued(): ReturnType<ReturnType<QueueInspector['queues']['queue']>['getJobs']>;
}

/**
 * A listening gateway with the Slack app's signing secret, and the fake Slack and Mattermost set
 * up to post users' interactions to it (a workspace and a team with a bot, a user and a channel),
 * for the jest hooks of the enclosing describe block. No worker takes the incidents jobs.
 */
export function useInteractiveGateway(): InteractiveGateway {
  const slack = new FakeSlack();
  const mattermost = new FakeMattermost();
  let database: TestDatabase;
  let inspection: QueueInspector;
  let app: FastifyInstance;
  let url = '';

  beforeAll(async () => {
    database = await createTestDatabase();
    await Promise.all([slack.start(), mattermost.start()]);
  });
  beforeEach(async () => {
    inspection = openQueueInspector('interactive');
    ({ app } = await buildGateway(
      testGatewayDeps({
        DATABASE_URL: database.url,
        QUEUE_PREFIX: inspection.prefix,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
      }),
    ));
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    slack.reset();
    slack.addWorkspace({
      teamId: SLACK.team,
      teamName: 'Acme',
      botToken: SLACK.botToken,
      botUserId: SLACK.bot,
      users: [{ id: SLACK.user, name: 'alice' }],
      channels: [{ id: SLACK.channel, name: 'general' }],
    });
    slack.setApp({
      signingSecret: SIGNING_SECRET,
      interactivityUrl: `${url}/slack/interactions`,
      optionsUrl: `${url}/slack/options`,
    });
    mattermost.reset();
    mattermost.addTeam({ id: MM.team, name: 'acme', displayName: 'Acme' });
    mattermost.addUser({ id: MM.bot, username: 'chatops', token: MM.botToken, teamIds: [MM.team], isBot: true });
    mattermost.addUser({ id: MM.user, username: 'alice', token: 'mm-alice-token', teamIds: [MM.team] });
    mattermost.addChannel({
      id: MM.channel,
      teamId: MM.team,
      name: 'town-square',
      type: 'O',
      members: [MM.bot, MM.user],
    });
  });
  afterEach(async () => {
    await app.close();
    await inspection.close();
  });
  afterAll(async () => {
    await Promise.all([slack.stop(), mattermost.stop()]);
    await database.drop();
  });

  return {
    slack,
    mattermost,
    get app() {
      return app;
    },
    get url() {
      return url;
    },
    get prefix() {
      return inspection.prefix;
    },
    queued: () => inspection.queues.queue(QueueName.Incidents).getJobs(['waiting', 'delayed', 'active']),
  };
}
