import { type ChatMessage, formStateKey, renderMessage, signFormState } from '@chatops/chat';
import { INCIDENT_CHOICE_ACTION, QueueName } from '@chatops/jobs';
import { FakeMattermost, FakeSlack } from '@chatops/testing';
import { type FastifyInstance } from 'fastify';
import { createTestDatabase, type TestDatabase } from '@chatops/test-support/database';
import { TEST_ENCRYPTION_KEY } from '@chatops/test-support/infra';
import { openQueueInspector, type QueueInspector } from '@chatops/test-support/redis';
import { buildGateway } from '../../app';
import { testGatewayDeps } from '../../../test/test-gateway';

const SIGNING_SECRET = 'slack-signing-secret-for-tests-0123456789';
const KEY = formStateKey(Buffer.from(TEST_ENCRYPTION_KEY, 'hex'));

const SLACK = {
  team: 'T0TEAM0001',
  bot: 'U0BOT00001',
  botToken: 'xoxb-test',
  user: 'U0ALICE001',
  channel: 'C0GENERAL1',
};
const MM = {
  team: 'teamaaaaaaaaaaaaaaaaaaaaaa',
  bot: 'botuseraaaaaaaaaaaaaaaaaaa',
  botToken: 'mm-bot-token',
  user: 'aliceaaaaaaaaaaaaaaaaaaaaa',
  channel: 'townsquareaaaaaaaaaaaaaaaa',
};

/** The incident service's "which incident?" question, as the message model holds it. */
const chooser = (actionUrl: string, values: string[]): ChatMessage => ({
  text: "Please confirm which incident you'd like to close.",
  buttons: {
    actionUrl,
    items: values.map((value, i) => ({
      text: `acme/backend#${i + 1} Outage`,
      actionId: INCIDENT_CHOICE_ACTION,
      value,
    })),
  },
});

/*
 * A click on a button of the chooser, from the fake chats to a listening gateway: Slack's signed
 * block_actions and Mattermost's post action reach the incidents queue as `incident_chosen`; a
 * Mattermost context chatops did not sign is refused and nothing is queued.
 */
describe('incident chooser clicks (real Redis and PostgreSQL)', () => {
  const slack = new FakeSlack();
  const mattermost = new FakeMattermost();
  let database: TestDatabase;
  let inspection: QueueInspector;
  let app: FastifyInstance;
  let gatewayUrl = '';

  const queued = () => inspection.queues.queue(QueueName.Incidents).getJobs(['waiting', 'delayed', 'active']);

  beforeAll(async () => {
    database = await createTestDatabase();
    await Promise.all([slack.start(), mattermost.start()]);
  });
  beforeEach(async () => {
    inspection = openQueueInspector('choice');
    ({ app } = await buildGateway(
      testGatewayDeps({
        DATABASE_URL: database.url,
        QUEUE_PREFIX: inspection.prefix,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
      }),
    ));
    gatewayUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    slack.reset();
    slack.addWorkspace({
      teamId: SLACK.team,
      teamName: 'Acme',
      botToken: SLACK.botToken,
      botUserId: SLACK.bot,
      users: [{ id: SLACK.user, name: 'alice' }],
      channels: [{ id: SLACK.channel, name: 'general' }],
    });
    slack.setApp({ signingSecret: SIGNING_SECRET, interactivityUrl: `${gatewayUrl}/slack/interactions` });
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

  /** Posts the chooser rendered for Mattermost as the bot; resolves with the post's id. */
  async function postToMattermost(values: string[]): Promise<string> {
    const rendered = renderMessage('mattermost', chooser(`${gatewayUrl}/mattermost/actions`, values)).message;
    const response = await fetch(`${mattermost.url}/api/v4/posts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${MM.botToken}` },
      body: JSON.stringify({
        channel_id: MM.channel,
        message: rendered.text,
        props: { attachments: rendered.attachments },
      }),
    });
    return String(((await response.json()) as { id: string }).id);
  }

  it('queues a Slack click as the incident chosen, with the click’s response URL', async () => {
    const rendered = renderMessage('slack', chooser(`${gatewayUrl}/mattermost/actions`, ['c1:0', 'c1:1']));
    if (rendered.platform !== 'slack') throw new Error('not rendered for Slack');
    const { text, blocks } = rendered.message;
    const posted = await fetch(`${slack.url}/api/chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${SLACK.botToken}` },
      body: JSON.stringify({ channel: SLACK.channel, text, blocks }),
    });
    const { ts } = (await posted.json()) as { ts: string };

    const answer = await slack.clickButton({
      channel: SLACK.channel,
      messageTs: ts,
      userId: SLACK.user,
      actionId: INCIDENT_CHOICE_ACTION,
    });
    expect(answer.status).toBe(200);
    const [job, ...rest] = await queued();
    expect(rest).toHaveLength(0);
    expect(job?.data).toMatchObject({
      provider: 'slack',
      teamId: SLACK.team,
      userId: SLACK.user,
      channelId: SLACK.channel,
      action: { kind: 'incident_chosen', choiceId: 'c1:0', responseUrl: expect.stringContaining(slack.url) },
    });
  });

  it('queues a Mattermost click with the value its signed context names', async () => {
    const postId = await postToMattermost([signFormState(KEY, 'c1:0'), signFormState(KEY, 'c1:1')]);
    const answer = await mattermost.clickAction(postId, 'incidentchoice1', MM.user);
    expect(answer).toMatchObject({ status: 200, body: {} });
    const [job, ...rest] = await queued();
    expect(rest).toHaveLength(0);
    expect(job?.data).toMatchObject({
      provider: 'mattermost',
      teamId: MM.team,
      userId: MM.user,
      channelId: MM.channel,
      action: { kind: 'incident_chosen', choiceId: 'c1:1' },
    });
  });

  it('refuses a Mattermost context chatops did not sign with a 401, and queues nothing', async () => {
    const signature = (value: string) => signFormState(KEY, value).split('.')[1] ?? '';
    const forged = [
      'c1:0', // unsigned
      `c1:0.${'A'.repeat(signature('c1:0').length)}`, // a made-up signature
      `c1:1.${signature('c1:0')}`, // another button's signature
      signFormState(formStateKey(Buffer.alloc(32, 1)), 'c1:0'), // another deployment's key
    ];
    for (const choice of forged) {
      const response = await app.inject({
        method: 'POST',
        url: '/mattermost/actions',
        headers: { 'content-type': 'application/json' },
        payload: { user_id: MM.user, team_id: MM.team, channel_id: MM.channel, context: { choice } },
      });
      expect(response.statusCode).toBe(401);
    }
    // The same through Mattermost: it reports the app's refusal to the user and changes nothing.
    const postId = await postToMattermost(['c1:0']);
    await expect(mattermost.clickAction(postId, 'incidentchoice0', MM.user)).rejects.toThrow();
    expect(await queued()).toHaveLength(0);
  });
});
