import { ALICE, BOT, OPS, SECRET, TEAM, TOWN, useTestMattermost } from '../test-support/mattermost-fixture.js';
import { FakeMattermost } from './fake-mattermost.js';

async function post(
  url: string,
  body: string,
  contentType = 'application/json',
): Promise<{ status: number; text: string; json: () => Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

describe('FakeMattermost incoming webhooks, response URLs and raw REST', () => {
  let clock = 1_700_000_000_000;
  const mm = useTestMattermost(new FakeMattermost({ now: () => clock }));

  it('posts webhook payloads (JSON or payload= form) with Mattermost props and error shapes', async () => {
    const hook = mm.createIncomingWebhook({ channelId: TOWN, userId: BOT, displayName: 'GitLab' });
    expect(hook).toMatch(new RegExp(`^${mm.url}/hooks/[a-z0-9]{26}$`));
    expect(
      await post(hook, JSON.stringify({ text: 'pushed', username: 'gitlab', icon_url: 'https://x/i.png' })),
    ).toMatchObject({ status: 200, text: 'ok' });
    const form = new URLSearchParams({
      payload: JSON.stringify({ attachments: [{ fallback: 'f', text: 'card' }], channel: 'ops' }),
    }).toString();
    expect((await post(hook, form, 'application/x-www-form-urlencoded')).status).toBe(200);

    const [first, second] = mm.posts();
    expect(first).toMatchObject({
      channel_id: TOWN,
      user_id: BOT,
      message: 'pushed',
      props: {
        from_webhook: 'true',
        override_username: 'gitlab',
        override_icon_url: 'https://x/i.png',
        webhook_display_name: 'GitLab',
      },
    });
    expect(second).toMatchObject({
      channel_id: OPS,
      type: 'slack_attachment',
      props: { attachments: [{ text: 'card' }] },
    });

    const noText = await post(hook, JSON.stringify({ username: 'x' }));
    expect([noText.status, noText.json()['id']]).toEqual([400, 'web.incoming_webhook.text.app_error']);
    const unknown = await post(`${mm.url}/hooks/aaaaaaaaaaaaaaaaaaaaaaaaaa`, JSON.stringify({ text: 'x' }));
    expect(unknown.status).toBe(400);
    expect(unknown.json()).toEqual({
      id: 'web.incoming_webhook.invalid.app_error',
      message: 'Invalid webhook.',
      detailed_error: '',
      request_id: expect.any(String),
      status_code: 400,
    });
    expect((await post(hook, '{oops')).json()['id']).toBe('web.incoming_webhook.parse.app_error');
    expect((await post(hook, JSON.stringify({ text: 'x', channel: 'secret' }))).status).toBe(403);
    expect(mm.webhookPosts(hook).map((p) => p.status)).toEqual([200, 200, 400, 400, 403]);
    expect(mm.posts(SECRET)).toEqual([]);
  });

  it('creates the channel a webhook names when the test has not declared it', async () => {
    const hook = mm.createIncomingWebhook({ channelId: 'newchannelaaaaaaaaaaaaaaaa', channelName: 'alerts' });
    expect((await post(hook, JSON.stringify({ text: 'a'.repeat(16_383 + 10) }))).status).toBe(200);
    expect(mm.posts('newchannelaaaaaaaaaaaaaaaa').map((p) => p.message.length)).toEqual([16_383, 10]);
  });

  it('limits response URLs to 5 uses within 30 minutes and treats plain text as the message', async () => {
    const url = mm.createResponseUrl({ channelId: TOWN, userId: ALICE });
    expect(url).toMatch(new RegExp(`^${mm.url}/hooks/commands/[0-9a-f]+$`));
    expect((await post(url, JSON.stringify({ response_type: 'in_channel', text: 'Issue #4 created' }))).text).toBe(
      'ok',
    );
    expect((await post(url, 'just text', 'text/plain')).status).toBe(200);
    for (let i = 0; i < 3; i += 1) expect((await post(url, JSON.stringify({ text: `e${i}` }))).status).toBe(200);
    const sixth = await post(url, JSON.stringify({ text: 'too many' }));
    expect([sixth.status, sixth.json()['id']]).toEqual([400, 'app.command_webhook.try_use.invalid']);
    expect(mm.posts(TOWN).map((p) => [p.user_id, p.message])).toEqual([[ALICE, 'Issue #4 created']]);
    expect(mm.responses(url).map((r) => r.payload?.['text'])).toEqual([
      'Issue #4 created',
      'just text',
      'e0',
      'e1',
      'e2',
      'too many',
    ]);

    const old = mm.createResponseUrl();
    clock += 30 * 60 * 1000 + 1;
    expect((await post(old, JSON.stringify({ text: 'late' }))).status).toBe(404);
  });

  it('speaks REST to plain fetch: 401 shape, exact JSON content type, latency', async () => {
    const anonymous = await fetch(`${mm.url}/api/v4/users/me`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ id: 'api.context.session_expired.app_error', status_code: 401 });
    mm.setLatency(100);
    const started = Date.now();
    const me = await fetch(`${mm.url}/api/v4/teams/${TEAM}`, { headers: { authorization: 'Token mm-alice-token' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(me.headers.get('content-type')).toBe('application/json');
    expect(await me.json()).toMatchObject({ id: TEAM, name: 'acme' });
  });
});
