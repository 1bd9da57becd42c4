import { slackSignature } from './app-interactions.js';
import { FakeSlack } from './fake-slack.js';
import { type ReceivedRequest, type Receiver, startReceiver } from '../test-support/receiver.js';
import { slackWebApi } from '../test-support/real-clients.js';
import { addTestWorkspace, BOT_TOKEN, TEAM_ID } from '../test-support/slack-fixture.js';

const SECRET = 'signing-secret';
const ALICE = 'U0ALICE001';

/** The GitLab incident modal's shape (reference §4.6), opened with @slack/web-api. */
const INCIDENT_MODAL = {
  type: 'modal',
  callback_id: 'incident_modal',
  notify_on_close: true,
  private_metadata: 'https://hooks.example/response',
  title: { type: 'plain_text', text: 'New incident' },
  submit: { type: 'plain_text', text: 'Create' },
  blocks: [
    {
      type: 'input',
      block_id: 'title_input',
      label: { type: 'plain_text', text: 'Title' },
      element: { type: 'plain_text_input', action_id: 'title', max_length: 255 },
    },
    {
      type: 'actions',
      block_id: 'project_and_severity_selector',
      elements: [
        {
          type: 'static_select',
          action_id: 'severity',
          options: [
            { text: { type: 'plain_text', text: 'Critical - S1' }, value: 'critical' },
            { text: { type: 'plain_text', text: 'High - S2' }, value: 'high' },
          ],
        },
        { type: 'external_select', action_id: 'assignee' },
      ],
    },
    {
      type: 'input',
      block_id: 'label_selector',
      optional: true,
      label: { type: 'plain_text', text: 'Labels' },
      element: { type: 'multi_external_select', action_id: 'labels' },
    },
    {
      type: 'input',
      block_id: 'incident_description',
      label: { type: 'plain_text', text: 'Description' },
      element: { type: 'plain_text_input', action_id: 'description', multiline: true, initial_value: '## Summary' },
    },
  ],
};

// Payloads are read deep in assertions; `any` keeps those reads short.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function payloadOf(request: ReceivedRequest | undefined): Record<string, any> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return JSON.parse(new URLSearchParams(request?.body ?? '').get('payload') ?? '{}') as Record<string, any>;
}

describe('FakeSlack user actions sent to the app', () => {
  let clock = Date.now();
  const slack = new FakeSlack({ now: () => clock });
  let app: Receiver;
  let web: InstanceType<ReturnType<typeof slackWebApi>['WebClient']>;

  beforeAll(async () => {
    await slack.start();
    app = await startReceiver();
    const { WebClient } = slackWebApi();
    web = new WebClient(BOT_TOKEN, { slackApiUrl: `${slack.url}/api/` });
  });
  afterAll(async () => {
    await slack.stop();
    await app.close();
  });
  beforeEach(() => {
    clock = Date.now();
    slack.reset();
    addTestWorkspace(slack);
    slack.setApp({
      signingSecret: SECRET,
      interactivityUrl: `${app.url}/slack/interactions`,
      optionsUrl: `${app.url}/slack/options`,
      eventsUrl: `${app.url}/slack/events`,
    });
    app.requests.length = 0;
    app.answer({ status: 200, body: '' });
  });

  async function openModal(): Promise<string> {
    const opened = await web.views.open({
      trigger_id: slack.issueTriggerId(TEAM_ID, { userId: ALICE }),
      view: INCIDENT_MODAL,
    });
    return String((opened['view'] as { id: string }).id);
  }

  it('opens, updates and submits a modal with view.state.values in Slack shape, signed', async () => {
    const viewId = await openModal();
    expect(slack.views()).toMatchObject([{ id: viewId, view: { callback_id: 'incident_modal' }, closed: false }]);
    const updated = await web.views.update({ view_id: viewId, view: { ...INCIDENT_MODAL, private_metadata: 'v2' } });
    expect(updated).toMatchObject({ ok: true, view: { id: viewId, private_metadata: 'v2' } });

    await slack.selectInView(viewId, { userId: ALICE, actionId: 'severity', selectedOption: 'high' });
    const select = payloadOf(app.requests[0]);
    expect(select).toMatchObject({
      type: 'block_actions',
      user: { id: ALICE, username: 'alice' },
      team: { id: TEAM_ID },
      container: { type: 'view', view_id: viewId },
      actions: [
        {
          type: 'static_select',
          action_id: 'severity',
          block_id: 'project_and_severity_selector',
          selected_option: { value: 'high', text: { text: 'High - S2' } },
        },
      ],
    });

    app.answer({ status: 200, body: '' });
    const answer = await slack.submitView(viewId, {
      userId: ALICE,
      values: { title_input: { title: 'DB down' }, label_selector: { labels: ['db', 'sev1'] } },
    });
    expect(answer).toMatchObject({ status: 200, responseAction: 'close' });
    const request = app.requests[1];
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const timestamp = String(request?.headers['x-slack-request-timestamp']);
    expect(request?.headers['x-slack-signature']).toBe(slackSignature(SECRET, timestamp, request?.body ?? ''));
    const submission = payloadOf(request);
    expect(submission).toMatchObject({
      type: 'view_submission',
      trigger_id: expect.stringMatching(/^\d+\.\d+\.[0-9a-f]+$/),
      response_urls: [],
      view: {
        id: viewId,
        callback_id: 'incident_modal',
        private_metadata: 'v2',
        state: {
          values: {
            title_input: { title: { type: 'plain_text_input', value: 'DB down' } },
            project_and_severity_selector: { severity: { type: 'static_select', selected_option: { value: 'high' } } },
            label_selector: {
              labels: {
                type: 'multi_external_select',
                selected_options: [{ value: 'db' }, { value: 'sev1' }],
              },
            },
            incident_description: { description: { type: 'plain_text_input', value: '## Summary' } },
          },
        },
      },
    });
    expect(slack.views()[0]?.closed).toBe(true);
  });

  it('keeps the modal open on errors, applies update and push, and refuses what Slack could not send', async () => {
    const viewId = await openModal();
    await expect(slack.submitView(viewId, { userId: ALICE, values: { nope: { title: 'x' } } })).rejects.toThrow(
      /no element with action_id title in block nope/,
    );
    await expect(slack.submitView(viewId, { userId: ALICE, values: {} })).rejects.toThrow(/required input title_input/);
    await expect(
      slack.selectInView(viewId, { userId: ALICE, actionId: 'severity', selectedOption: 'meh' }),
    ).rejects.toThrow(/not an option/);

    app.answer({ body: { response_action: 'errors', errors: { title_input: 'Title is taken' } } });
    const values = { title_input: { title: 'DB down' } };
    await expect(slack.submitView(viewId, { userId: ALICE, values })).resolves.toMatchObject({
      responseAction: 'errors',
      errors: { title_input: 'Title is taken' },
    });
    app.answer({ body: { response_action: 'update', view: { ...INCIDENT_MODAL, private_metadata: 'step 2' } } });
    await expect(slack.submitView(viewId, { userId: ALICE, values })).resolves.toMatchObject({
      responseAction: 'update',
    });
    app.answer({
      body: {
        response_action: 'push',
        view: { type: 'modal', title: { type: 'plain_text', text: 'Sure?' }, blocks: [] },
      },
    });
    const pushed = await slack.submitView(viewId, { userId: ALICE, values });
    expect(pushed.pushedView).toMatchObject({ previous_view_id: viewId, root_view_id: viewId });
    expect(slack.views().map((v) => [v.view['private_metadata'] ?? null, v.closed])).toEqual([
      ['step 2', false],
      [null, false],
    ]);

    await expect(slack.closeView(viewId, { userId: ALICE })).resolves.toMatchObject({ status: 200 });
    expect(payloadOf(app.requests.at(-1))).toMatchObject({
      type: 'view_closed',
      is_cleared: false,
      view: { id: viewId },
    });
    expect(
      await web.views.update({ view_id: viewId, view: INCIDENT_MODAL }).catch((e: { data: unknown }) => e.data),
    ).toMatchObject({
      ok: false,
      error: 'not_found',
    });
  });

  it('asks the options URL for external select options and returns the app answer', async () => {
    const viewId = await openModal();
    app.answer({ body: { options: [{ text: { type: 'plain_text', text: 'Alice - alice' }, value: '7' }] } });
    const answer = await slack.requestOptions(viewId, { userId: ALICE, actionId: 'assignee', value: 'ali' });
    expect(answer.body).toEqual({ options: [{ text: { type: 'plain_text', text: 'Alice - alice' }, value: '7' }] });
    expect(app.requests[0]?.path).toBe('/slack/options');
    expect(payloadOf(app.requests[0])).toMatchObject({
      type: 'block_suggestion',
      action_id: 'assignee',
      block_id: 'project_and_severity_selector',
      value: 'ali',
      view: { id: viewId },
    });
    await expect(slack.requestOptions(viewId, { userId: ALICE, actionId: 'severity', value: 'x' })).rejects.toThrow(
      /only asks for external options/,
    );
  });

  it('sends button clicks on messages and ephemeral messages with a working response_url', async () => {
    const blocks = [
      {
        type: 'actions',
        block_id: 'incident_actions',
        elements: [
          { type: 'button', action_id: 'ack', text: { type: 'plain_text', text: 'Acknowledge' }, value: '42' },
        ],
      },
    ];
    const posted = await web.chat.postMessage({ channel: 'C0GENERAL1', text: 'Incident #42', blocks });
    await slack.clickButton({ channel: 'general', messageTs: String(posted['ts']), userId: ALICE, actionId: 'ack' });
    const click = payloadOf(app.requests[0]);
    expect(click).toMatchObject({
      type: 'block_actions',
      container: { type: 'message', channel_id: 'C0GENERAL1', is_ephemeral: false },
      channel: { id: 'C0GENERAL1', name: 'general' },
      message: { text: 'Incident #42', ts: posted['ts'] },
      actions: [{ type: 'button', action_id: 'ack', block_id: 'incident_actions', value: '42' }],
    });
    const reply = await fetch(String(click['response_url']), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'in_channel', text: 'Acknowledged by alice' }),
    });
    expect(reply.status).toBe(200);
    expect(slack.messages('general').map((m) => m.text)).toEqual(['Incident #42', 'Acknowledged by alice']);

    const eph = await web.chat.postEphemeral({ channel: 'C0GENERAL1', user: ALICE, text: 'Only you', blocks });
    await slack.clickButton({
      channel: 'C0GENERAL1',
      messageTs: String(eph['message_ts']),
      userId: ALICE,
      actionId: 'ack',
    });
    const ephemeralClick = payloadOf(app.requests[1]);
    expect(ephemeralClick['container']).toMatchObject({ is_ephemeral: true });
    expect(ephemeralClick['message']).toBeUndefined();
  });

  it('delivers events and the url_verification handshake as signed JSON', async () => {
    app.answer((request) => ({
      body:
        JSON.parse(request.body).type === 'url_verification' ? { challenge: JSON.parse(request.body).challenge } : {},
    }));
    const handshake = await slack.urlVerification();
    expect(handshake.body).toEqual({ challenge: handshake.challenge });
    await slack.sendEvent(TEAM_ID, { type: 'app_home_opened', user: ALICE, tab: 'home' });
    const event = app.requests[1];
    expect(event?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(event?.body ?? '{}')).toMatchObject({
      type: 'event_callback',
      team_id: TEAM_ID,
      event: { type: 'app_home_opened', user: ALICE, event_ts: expect.any(String) },
      authorizations: [{ team_id: TEAM_ID, is_bot: true }],
      event_id: expect.stringMatching(/^Ev/),
    });
    expect(slack.appRequests().map((r) => r.kind)).toEqual(['url_verification', 'event_callback']);
  });
});
