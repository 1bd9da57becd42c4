import { addTestServer, ALICE, ALICE_TOKEN, BOT, BOT_TOKEN, TEAM, TOWN } from '../test-support/mattermost-fixture.js';
import { mattermostClient } from '../test-support/real-clients.js';
import { type Receiver, startReceiver } from '../test-support/receiver.js';
import { FakeMattermost } from './fake-mattermost.js';

const DIALOG = {
  callback_id: 'incident_new',
  title: 'New incident',
  introduction_text: 'Declare an incident',
  submit_label: 'Create',
  notify_on_cancel: true,
  state: 'project=10',
  elements: [
    { display_name: 'Title', name: 'title', type: 'text', max_length: 255 },
    {
      display_name: 'Severity',
      name: 'severity',
      type: 'select',
      options: [
        { text: 'Critical - S1', value: 'critical' },
        { text: 'High - S2', value: 'high' },
      ],
    },
    { display_name: 'Assignee', name: 'assignee', type: 'select', data_source: 'users', optional: true },
    { display_name: 'Confidential', name: 'confidential', type: 'bool', default: 'false', optional: true },
    { display_name: 'Description', name: 'description', type: 'textarea', optional: true },
  ],
};

/** Interactive dialogs and message actions; the dialog is opened over HTTP like an integration does. */
describe('FakeMattermost interactive dialogs and message actions', () => {
  let clock = 1_700_000_000_000;
  const mm = new FakeMattermost({ now: () => clock });
  let app: Receiver;

  beforeAll(async () => {
    await mm.start();
    app = await startReceiver();
  });
  afterAll(async () => {
    await mm.stop();
    await app.close();
  });
  beforeEach(() => {
    mm.reset();
    addTestServer(mm);
    app.requests.length = 0;
    app.answer({ body: {} });
  });

  // Client4 (11.x) has no openInteractiveDialog: integrations call the route directly.
  async function openDialog(body: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${mm.url}/api/v4/actions/dialogs/open`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${BOT_TOKEN}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('opens a dialog with a fresh trigger id and sends the submission to its URL', async () => {
    const triggerId = mm.issueTriggerId(ALICE, { channelId: TOWN });
    expect(Buffer.from(triggerId, 'base64').toString().split(':')).toHaveLength(4);
    const opened = await openDialog({ trigger_id: triggerId, url: `${app.url}/mm/dialog`, dialog: DIALOG });
    expect(opened).toEqual({ status: 200, body: { status: 'OK' } });
    const [dialog] = mm.dialogs();
    expect(dialog).toMatchObject({ userId: ALICE, channelId: TOWN, teamId: TEAM, status: 'open', problems: [] });

    const answer = await mm.submitDialog(dialog?.id ?? '', {
      userId: ALICE,
      submission: { title: 'DB down', severity: 'high', assignee: BOT },
    });
    expect(answer).toEqual({ status: 200, body: {} });
    expect(app.requests[0]?.path).toBe('/mm/dialog');
    expect(JSON.parse(app.requests[0]?.body ?? '{}')).toEqual({
      type: 'dialog_submission',
      callback_id: 'incident_new',
      state: 'project=10',
      user_id: ALICE,
      channel_id: TOWN,
      team_id: TEAM,
      submission: { title: 'DB down', severity: 'high', assignee: BOT, confidential: false },
      cancelled: false,
    });
    expect(mm.dialogs()[0]?.status).toBe('submitted');
  });

  it('validates trigger ids and dialogs like Mattermost', async () => {
    const url = `${app.url}/mm/dialog`;
    expect((await openDialog({ trigger_id: 'bogus', url, dialog: DIALOG })).body).toMatchObject({
      id: 'interactive_message.decode_trigger_id.base64_decode_failed',
      status_code: 400,
    });
    const forged = Buffer.from(`abc:${ALICE}:${clock}:c2ln`).toString('base64');
    expect((await openDialog({ trigger_id: forged, url, dialog: DIALOG })).body).toMatchObject({
      id: 'interactive_message.decode_trigger_id.verify_signature_failed',
    });
    const late = mm.issueTriggerId(ALICE);
    clock += 3_001;
    expect((await openDialog({ trigger_id: late, url, dialog: DIALOG })).body).toMatchObject({
      id: 'interactive_message.decode_trigger_id.expired',
      message: 'Trigger ID for interactive dialog is expired. Maximum TTL is 3 seconds.',
    });
    expect((await openDialog({ trigger_id: mm.issueTriggerId(ALICE), dialog: DIALOG })).body).toMatchObject({
      id: 'api.context.invalid_body_param.app_error',
      message: 'Invalid or missing url in request body.',
    });
    const invalid = await openDialog({
      trigger_id: mm.issueTriggerId(ALICE),
      url,
      dialog: {
        ...DIALOG,
        title: 'A title much longer than twenty-four',
        elements: [{ display_name: 'X', name: 'x', type: 'slider' }],
      },
    });
    expect(invalid.status).toBe(400);
    expect(String(invalid.body['message'])).toContain('invalid dialog title');
    expect(String(invalid.body['message'])).toContain('"x" field is not valid: invalid element type: "slider"');
  });

  it('keeps the dialog open on field errors, and sends cancellations when asked to', async () => {
    await openDialog({ trigger_id: mm.issueTriggerId(ALICE, { channelId: TOWN }), url: app.url, dialog: DIALOG });
    const id = mm.dialogs()[0]?.id ?? '';
    await expect(mm.submitDialog(id, { userId: ALICE, submission: { severity: 'high' } })).rejects.toThrow(
      /"title" is required/,
    );
    await expect(mm.submitDialog(id, { userId: ALICE, submission: { title: 'x', severity: 'meh' } })).rejects.toThrow(
      /not an option/,
    );
    await expect(mm.submitDialog(id, { userId: BOT, submission: {} })).rejects.toThrow(/opened for/);
    app.answer({ body: { errors: { title: 'An incident with this title exists' } } });
    await mm.submitDialog(id, { userId: ALICE, submission: { title: 'DB down', severity: 'high' } });
    expect(mm.dialogs()[0]).toMatchObject({ status: 'open', errors: { title: 'An incident with this title exists' } });
    app.answer({ body: {} });
    await mm.submitDialog(id, { userId: ALICE, cancelled: true });
    expect(JSON.parse(app.requests[1]?.body ?? '{}')).toMatchObject({ cancelled: true, submission: {} });
    expect(mm.dialogs()[0]?.status).toBe('cancelled');
  });

  it('posts message button clicks to the integration URL, from the fake and from Client4', async () => {
    const bot = mattermostClient();
    bot.setUrl(mm.url);
    bot.setToken(BOT_TOKEN);
    const post = await bot.createPost({
      channel_id: TOWN,
      message: 'Incident #42 declared',
      props: {
        attachments: [
          {
            text: 'Severity: high',
            actions: [
              { id: 'ack', name: 'Acknowledge', integration: { url: `${app.url}/mm/action`, context: { iid: 42 } } },
              { name: 'Resolve', integration: { url: `${app.url}/mm/action`, context: { iid: 42, do: 'resolve' } } },
            ],
          },
        ],
      },
    });
    const actions = (post['props'] as { attachments: Array<{ actions: Array<{ id: string }> }> }).attachments[0]
      ?.actions;
    expect(actions?.[1]?.id).toMatch(/^[a-z0-9]{26}$/);

    app.answer({ body: { update: { message: 'Incident #42 acknowledged by alice' }, ephemeral_text: 'Done' } });
    const clicked = await mm.clickAction(String(post['id']), 'ack', ALICE);
    expect(clicked).toMatchObject({ status: 200, body: { ephemeral_text: 'Done' } });
    expect(JSON.parse(app.requests[0]?.body ?? '{}')).toMatchObject({
      user_id: ALICE,
      user_name: 'alice',
      channel_id: TOWN,
      team_id: TEAM,
      post_id: post['id'],
      type: 'button',
      trigger_id: clicked.triggerId,
      context: { iid: 42 },
    });
    expect(mm.posts(TOWN)[0]?.message).toBe('Incident #42 acknowledged by alice');

    const alice = mattermostClient();
    alice.setUrl(mm.url);
    alice.setToken(ALICE_TOKEN);
    app.answer({ body: {} });
    await expect(alice.doPostAction(String(post['id']), actions?.[1]?.id ?? '')).resolves.toMatchObject({
      status: 'OK',
    });
    expect(JSON.parse(app.requests[1]?.body ?? '{}')).toMatchObject({ context: { do: 'resolve' } });
    await expect(alice.doPostAction(String(post['id']), 'nope')).rejects.toMatchObject({ status_code: 404 });
  });
});
