import { createHmac } from 'node:crypto';
import { type ChatForm, FormSessions, renderDialog, renderModal, signFormState, SlackAppClient } from '@chatops/chat';
import { INCIDENT_FORM_SESSIONS } from '@chatops/jobs';
import { testInfra } from '@chatops/test-support/infra';
import { Redis } from 'ioredis';
import { FORM_STATE_KEY, MM, SIGNING_SECRET, SLACK, useInteractiveGateway } from '../../../test/interactive-chats';

/** A form like the incident service's declare form, small: a title, a project select, an assignee, labels. */
const FORM: ChatForm = {
  callbackId: 'incident_modal',
  title: 'New incident',
  submitLabel: 'Create',
  notifyOnClose: true,
  state: 'https://hooks.slack.com/commands/x',
  rows: [
    {
      kind: 'input',
      blockId: 'title_input',
      label: 'Title',
      element: { type: 'text', actionId: 'title', label: 'Title' },
    },
    {
      kind: 'controls',
      blockId: 'project_and_severity_selector',
      elements: [
        {
          type: 'select',
          actionId: 'incident_management_project',
          label: 'Project',
          options: [
            { text: 'acme/backend', value: '10' },
            { text: 'acme/web', value: '11' },
          ],
          initialValue: '10',
        },
      ],
    },
    {
      kind: 'input',
      blockId: 'label_selector',
      label: 'Labels',
      optional: true,
      element: { type: 'external_select', actionId: 'labels', label: 'Labels', multi: true },
    },
  ],
};

/*
 * What the chats send while a user fills in the New incident form, through a listening gateway:
 * Slack's signed view_submission, view_closed, block_actions and block_suggestion (answered from
 * the form's prefetched options), Mattermost's dialog submission and cancel (its state signed by
 * chatops). Payloads that are not the incident form's are answered and dropped.
 */
describe('the declare form at the gateway (real Redis and PostgreSQL)', () => {
  const g = useInteractiveGateway();

  async function openModal(form: ChatForm = FORM): Promise<string> {
    const slack = new SlackAppClient({ slackApiUrl: `${g.slack.url}/api/` });
    const trigger = g.slack.issueTriggerId(SLACK.team, { userId: SLACK.user });
    return (await slack.openView(SLACK.botToken, trigger, renderModal(form))).viewId;
  }

  it('queues a submission with its values by action id, and closes the modal', async () => {
    const viewId = await openModal();
    const answer = await g.slack.submitView(viewId, {
      userId: SLACK.user,
      values: {
        title_input: { title: { type: 'plain_text_input', value: 'DB down' } },
        project_and_severity_selector: {
          incident_management_project: {
            type: 'static_select',
            selected_option: { text: { type: 'plain_text', text: 'acme/web' }, value: '11' },
          },
        },
      },
    });
    expect(answer.status).toBe(200);
    expect(g.slack.views().find((v) => v.id === viewId)?.closed).toBe(true);
    const [job, ...rest] = await g.queued();
    expect(rest).toHaveLength(0);
    expect(job?.data).toMatchObject({
      provider: 'slack',
      teamId: SLACK.team,
      userId: SLACK.user,
      action: {
        kind: 'form_submitted',
        formId: viewId,
        callbackId: 'incident_modal',
        values: { title: 'DB down', incident_management_project: '11' },
      },
    });
  });

  it('queues a closed form and a project switch', async () => {
    const viewId = await openModal();
    await g.slack.selectInView(viewId, {
      userId: SLACK.user,
      actionId: 'incident_management_project',
      selectedOption: { text: { type: 'plain_text', text: 'acme/web' }, value: '11' },
    });
    await g.slack.closeView(viewId, { userId: SLACK.user });
    expect((await g.queued()).map((j) => j.data.action).sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: 'form_closed', formId: viewId, callbackId: 'incident_modal' },
      { kind: 'form_project_switched', formId: viewId, projectId: 11 },
    ]);
  });

  it("answers options from the form's prefetched ones, filtered by what the user typed, and only to its user", async () => {
    const viewId = await openModal();
    const redis = new Redis(testInfra().redisUrl);
    try {
      const sessions = new FormSessions<{ userId: string }>(redis, g.prefix, INCIDENT_FORM_SESSIONS);
      await sessions.save(viewId, {
        state: { userId: SLACK.user },
        options: {
          labels: [
            { text: 'database', value: 'database' },
            { text: 'payments', value: 'payments' },
          ],
        },
      });
      const answer = await g.slack.requestOptions(viewId, { userId: SLACK.user, actionId: 'labels', value: 'DAT' });
      expect(answer).toMatchObject({
        status: 200,
        body: { options: [{ text: { type: 'plain_text', text: 'database' }, value: 'database' }] },
      });
      await sessions.save(viewId, { state: { userId: 'U0SOMEONE' }, options: { labels: [{ text: 'x', value: 'x' }] } });
      expect(
        (await g.slack.requestOptions(viewId, { userId: SLACK.user, actionId: 'labels', value: '' })).body,
      ).toEqual({ options: [] });
    } finally {
      redis.disconnect();
    }
  });

  it("drops another form's submission, and refuses an unsigned or stale one with 401, queuing nothing", async () => {
    const viewId = await openModal({ ...FORM, callbackId: 'someone_elses_modal' });
    const values = { title_input: { title: { type: 'plain_text_input', value: 'x' } } };
    expect((await g.slack.submitView(viewId, { userId: SLACK.user, values })).status).toBe(200);
    const payload = `payload=${encodeURIComponent(JSON.stringify({ type: 'view_closed', user: { id: SLACK.user }, team: { id: SLACK.team }, view: { id: 'V1', callback_id: 'incident_modal' } }))}`;
    const sign = (timestamp: number, body = payload) =>
      `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const now = Math.floor(Date.now() / 1000);
    for (const headers of [
      {},
      { 'x-slack-request-timestamp': String(now), 'x-slack-signature': 'v0=' + '0'.repeat(64) },
      { 'x-slack-request-timestamp': String(now - 3600), 'x-slack-signature': sign(now - 3600) },
    ]) {
      const response = await g.app.inject({
        method: 'POST',
        url: '/slack/interactions',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload,
      });
      expect(response.statusCode).toBe(401);
    }
    const garbage = await g.app.inject({
      method: 'POST',
      url: '/slack/interactions',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(now),
        'x-slack-signature': sign(now, 'payload=%7Bnot-json'),
      },
      payload: 'payload=%7Bnot-json',
    });
    expect(garbage.statusCode).toBe(400);
    expect(await g.queued()).toHaveLength(0);
  });

  it('queues a Mattermost dialog submission and cancel under the form its signed state names; a forged state is a 401', async () => {
    const open = async (state: string) => {
      const response = await fetch(`${g.mattermost.url}/api/v4/actions/dialogs/open`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${MM.botToken}` },
        body: JSON.stringify({
          trigger_id: g.mattermost.issueTriggerId(MM.user, { teamId: MM.team, channelId: MM.channel }),
          url: `${g.url}/mattermost/dialogs`,
          dialog: renderDialog({ ...FORM, state }),
        }),
      });
      expect(response.status).toBe(200);
      return g.mattermost.dialogs().at(-1)?.id ?? '';
    };
    const dialog = await open(signFormState(FORM_STATE_KEY, 'form-1'));
    await g.mattermost.submitDialog(dialog, { userId: MM.user, submission: { title: 'DB down', labels: 'db, p1' } });
    const second = await open(signFormState(FORM_STATE_KEY, 'form-2'));
    await g.mattermost.submitDialog(second, { userId: MM.user, cancelled: true });
    const actions = (await g.queued()).map((j) => j.data.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        {
          kind: 'form_submitted',
          formId: 'form-1',
          callbackId: 'incident_modal',
          // The project select's default comes back with what the user typed.
          submission: { title: 'DB down', labels: 'db, p1', incident_management_project: '10' },
        },
        { kind: 'form_closed', formId: 'form-2', callbackId: 'incident_modal' },
      ]),
    );
    const forged = await open('form-3.not-a-signature');
    await expect(
      g.mattermost.submitDialog(forged, { userId: MM.user, submission: { title: 'x' } }),
    ).resolves.toMatchObject({ status: 401 });
    expect(await g.queued()).toHaveLength(2);
  });
});
