import { BOT_TOKEN, BOT_USER, callForm, callJson, TEAM_ID, useTestSlack } from '../../test-support/slack-fixture.js';
import { FakeSlack } from '../fake-slack.js';

describe('FakeSlack Web API over HTTP', () => {
  let clock = 1_700_000_000_000;
  const slack = useTestSlack(new FakeSlack({ now: () => clock }));

  it('authenticates like Slack: not_authed, invalid_auth, token_revoked, token form field', async () => {
    expect((await callForm(slack.url, 'auth.test', {}, null)).body).toEqual({ ok: false, error: 'not_authed' });
    expect((await callForm(slack.url, 'auth.test', {}, 'xoxb-nope')).body).toEqual({
      ok: false,
      error: 'invalid_auth',
    });
    const viaField = await callForm(slack.url, 'auth.test', { token: BOT_TOKEN }, null);
    expect(viaField.body).toMatchObject({
      ok: true,
      team_id: TEAM_ID,
      user_id: BOT_USER,
      url: 'https://acme.slack.com/',
    });
    slack.revokeToken(BOT_TOKEN);
    const revoked = await callForm(slack.url, 'auth.test', {});
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ ok: false, error: 'token_revoked' });
  });

  it('answers unknown methods with unknown_method', async () => {
    expect((await callForm(slack.url, 'chat.frobnicate', {})).body).toMatchObject({
      ok: false,
      error: 'unknown_method',
    });
  });

  it('posts messages with unique increasing ts, threads and JSON-string blocks', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }];
    const first = await callForm(slack.url, 'chat.postMessage', {
      channel: '#general',
      text: 'hello',
      blocks: JSON.stringify(blocks),
      unfurl_links: 'false',
    });
    expect(first.body).toMatchObject({
      ok: true,
      channel: 'C0GENERAL1',
      message: { text: 'hello', user: BOT_USER, blocks },
    });
    const ts = String(first.body['ts']);
    expect(ts).toMatch(/^1700000000\.\d{6}$/);
    const reply = await callJson(slack.url, 'chat.postMessage', {
      channel: 'C0GENERAL1',
      text: 'in thread',
      thread_ts: ts,
      attachments: [{ text: 'a' }],
    });
    expect(reply.body).toMatchObject({ ok: true, message: { thread_ts: ts, attachments: [{ text: 'a' }] } });
    expect(Number(reply.body['ts'])).toBeGreaterThan(Number(ts));

    const messages = slack.messages('general');
    expect(messages.map((m) => [m.text, m.thread_ts, m.unfurl_links])).toEqual([
      ['hello', undefined, false],
      ['in thread', ts, undefined],
    ]);
    expect(slack.calls.map((c) => c.method)).toEqual(['chat.postMessage', 'chat.postMessage']);
    expect(slack.calls[0]?.params['blocks']).toEqual(blocks);
    expect(slack.calls[0]?.token).toBe(BOT_TOKEN);
  });

  it('keeps the optional display, unfurl and broadcast arguments of a post only when given', async () => {
    const optional = {
      username: 'GitLab',
      icon_url: 'https://x.example/i.png',
      icon_emoji: ':fox:',
      unfurl_links: false,
      unfurl_media: true,
      reply_broadcast: false,
    };
    await callJson(slack.url, 'chat.postMessage', { channel: 'general', text: 'styled', ...optional });
    await callJson(slack.url, 'chat.postMessage', { channel: 'general', text: 'plain' });
    const [styled, plain] = slack.messages('general');
    expect(styled).toMatchObject(optional);
    for (const name of Object.keys(optional)) expect(plain).not.toHaveProperty(name);
  });

  it('enforces channel visibility, membership and content rules', async () => {
    const post = async (channel: string, extra: Record<string, string> = { text: 'x' }) =>
      (await callForm(slack.url, 'chat.postMessage', { channel, ...extra })).body;
    expect(await post('C0OPS00001')).toMatchObject({ ok: true });
    expect(await post('C0SECRET01')).toEqual({ ok: false, error: 'channel_not_found' });
    expect(await post('#nope')).toEqual({ ok: false, error: 'channel_not_found' });
    expect(await post('general', {})).toEqual({ ok: false, error: 'no_text' });
    expect(await post('general', { blocks: '[{bad' })).toEqual({ ok: false, error: 'invalid_blocks_format' });
    const tooMany = JSON.stringify(Array.from({ length: 51 }, () => ({ type: 'divider' })));
    expect(await post('general', { blocks: tooMany })).toMatchObject({ ok: false, error: 'invalid_blocks' });
    slack.archiveChannel('general');
    expect(await post('general')).toEqual({ ok: false, error: 'is_archived' });
  });

  it('requires chat:write.public to post in public channels the bot is not in', async () => {
    slack.addWorkspace({
      teamId: 'T2',
      botToken: 'xoxb-2',
      botUserId: 'U2BOT',
      scopes: ['chat:write'],
      channels: [{ id: 'C2PUB', name: 'pub' }],
    });
    const answer = await callForm(slack.url, 'chat.postMessage', { channel: 'pub', text: 'x' }, 'xoxb-2');
    expect(answer.body).toEqual({ ok: false, error: 'not_in_channel' });
    expect(answer.headers.get('x-oauth-scopes')).toBe('chat:write');
    expect((await callForm(slack.url, 'users.info', { user: 'U2BOT' }, 'xoxb-2')).body).toMatchObject({
      ok: false,
      error: 'missing_scope',
      needed: 'users:read',
    });
  });

  it('updates and deletes own messages, posts ephemeral messages', async () => {
    const { ts } = (await callForm(slack.url, 'chat.postMessage', { channel: 'general', text: 'v1' })).body;
    const updated = await callForm(slack.url, 'chat.update', { channel: 'C0GENERAL1', ts: String(ts), text: 'v2' });
    expect(updated.body).toMatchObject({ ok: true, ts, text: 'v2' });
    expect(slack.messages('C0GENERAL1')[0]?.text).toBe('v2');
    expect(
      (await callForm(slack.url, 'chat.update', { channel: 'C0GENERAL1', ts: '1.000001', text: 'x' })).body,
    ).toEqual({
      ok: false,
      error: 'message_not_found',
    });
    expect((await callForm(slack.url, 'chat.delete', { channel: 'C0GENERAL1', ts: String(ts) })).body).toEqual({
      ok: true,
      channel: 'C0GENERAL1',
      ts,
    });
    expect(slack.messages('general')).toEqual([]);

    const eph = await callForm(slack.url, 'chat.postEphemeral', {
      channel: 'general',
      user: 'U0ALICE001',
      text: 'psst',
    });
    expect(eph.body).toMatchObject({ ok: true, message_ts: expect.stringMatching(/^\d+\.\d{6}$/) });
    expect(slack.ephemeralMessages('general')).toMatchObject([{ user: 'U0ALICE001', text: 'psst' }]);
    expect(
      (await callForm(slack.url, 'chat.postEphemeral', { channel: 'C0OPS00001', user: 'U0BOB00001', text: 'x' })).body,
    ).toEqual({ ok: false, error: 'user_not_in_channel' });
  });

  it('opens modals only with a fresh, unused trigger_id', async () => {
    const view = JSON.stringify({ type: 'modal', title: { type: 'plain_text', text: 'New issue' }, blocks: [] });
    const trigger = slack.issueTriggerId(TEAM_ID);
    const opened = await callForm(slack.url, 'views.open', { trigger_id: trigger, view });
    expect(opened.body).toMatchObject({
      ok: true,
      view: { id: expect.stringMatching(/^V/), type: 'modal', title: { text: 'New issue' } },
    });
    expect((await callForm(slack.url, 'views.open', { trigger_id: trigger, view })).body).toEqual({
      ok: false,
      error: 'exchanged_trigger_id',
    });
    expect((await callForm(slack.url, 'views.open', { trigger_id: 'bogus', view })).body).toEqual({
      ok: false,
      error: 'invalid_trigger_id',
    });
    const late = slack.issueTriggerId(TEAM_ID);
    clock += 3_001;
    expect((await callForm(slack.url, 'views.open', { trigger_id: late, view })).body).toEqual({
      ok: false,
      error: 'expired_trigger_id',
    });

    const viewId = String((opened.body['view'] as { id: string }).id);
    const updated = await callForm(slack.url, 'views.update', { view_id: viewId, view });
    expect(updated.body).toMatchObject({ ok: true, view: { id: viewId } });
    const home = await callForm(slack.url, 'views.publish', {
      user_id: 'U0ALICE001',
      view: JSON.stringify({ type: 'home', blocks: [] }),
    });
    expect(home.body).toMatchObject({ ok: true, view: { type: 'home' } });
    expect(slack.views().map((v) => v.opened_by)).toEqual(['views.open', 'views.publish']);
  });

  it('creates, joins and invites to conversations with Slack naming rules', async () => {
    const create = async (name: string) => (await callForm(slack.url, 'conversations.create', { name })).body;
    expect(await create('Incidents')).toEqual({ ok: false, error: 'invalid_name_specials' });
    expect(await create('a'.repeat(81))).toEqual({ ok: false, error: 'invalid_name_maxlength' });
    expect(await create('general')).toEqual({ ok: false, error: 'name_taken' });
    const created = await create('inc-42_db');
    expect(created).toMatchObject({ ok: true, channel: { name: 'inc-42_db', is_member: true, is_private: false } });
    const id = String((created['channel'] as { id: string }).id);
    expect(
      (await callForm(slack.url, 'conversations.invite', { channel: id, users: 'U0ALICE001,U0BOB00001' })).body,
    ).toMatchObject({ ok: true });
    expect(
      (await callForm(slack.url, 'conversations.info', { channel: id, include_num_members: 'true' })).body,
    ).toMatchObject({ channel: { num_members: 3 } });
    expect((await callForm(slack.url, 'conversations.join', { channel: 'C0GENERAL1' })).body).toMatchObject({
      ok: true,
      channel: { is_member: true },
    });
    expect((await callForm(slack.url, 'conversations.info', { channel: 'C0SECRET01' })).body).toEqual({
      ok: false,
      error: 'channel_not_found',
    });
    expect((await callForm(slack.url, 'users.info', { user: 'U0ALICE001' })).body).toMatchObject({
      ok: true,
      user: { name: 'alice', profile: { email: 'alice@example.com' } },
    });
    expect((await callForm(slack.url, 'users.info', { user: 'U0NOBODY01' })).body).toEqual({
      ok: false,
      error: 'user_not_found',
    });
  });
});
