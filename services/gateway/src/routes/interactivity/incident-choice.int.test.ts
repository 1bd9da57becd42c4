import { type ChatMessage, formStateKey, renderMessage, signFormState } from '@chatops/chat';
import { INCIDENT_CHOICE_ACTION } from '@chatops/jobs';
import { FORM_STATE_KEY, MM, SLACK, useInteractiveGateway } from '../../../test/interactive-chats';

const KEY = FORM_STATE_KEY;

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
  const g = useInteractiveGateway();
  const queued = () => g.queued();

  /** Posts the chooser rendered for Mattermost as the bot; resolves with the post's id. */
  async function postToMattermost(values: string[]): Promise<string> {
    const rendered = renderMessage('mattermost', chooser(`${g.url}/mattermost/actions`, values)).message;
    const response = await fetch(`${g.mattermost.url}/api/v4/posts`, {
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
    const rendered = renderMessage('slack', chooser(`${g.url}/mattermost/actions`, ['c1:0', 'c1:1']));
    if (rendered.platform !== 'slack') throw new Error('not rendered for Slack');
    const { text, blocks } = rendered.message;
    const posted = await fetch(`${g.slack.url}/api/chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${SLACK.botToken}` },
      body: JSON.stringify({ channel: SLACK.channel, text, blocks }),
    });
    const { ts } = (await posted.json()) as { ts: string };

    const answer = await g.slack.clickButton({
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
      action: { kind: 'incident_chosen', choiceId: 'c1:0', responseUrl: expect.stringContaining(g.slack.url) },
    });
  });

  it('queues a Mattermost click with the value its signed context names', async () => {
    const postId = await postToMattermost([signFormState(KEY, 'c1:0'), signFormState(KEY, 'c1:1')]);
    const answer = await g.mattermost.clickAction(postId, 'incidentchoice1', MM.user);
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
      const response = await g.app.inject({
        method: 'POST',
        url: '/mattermost/actions',
        headers: { 'content-type': 'application/json' },
        payload: { user_id: MM.user, team_id: MM.team, channel_id: MM.channel, context: { choice } },
      });
      expect(response.statusCode).toBe(401);
    }
    // The same through Mattermost: it reports the app's refusal to the user and changes nothing.
    const postId = await postToMattermost(['c1:0']);
    await expect(g.mattermost.clickAction(postId, 'incidentchoice0', MM.user)).rejects.toThrow();
    expect(await queued()).toHaveLength(0);
  });
});
