import { slackWebApi } from '../test-support/real-clients.js';
import { BOT_TOKEN, BOT_USER, TEAM_ID, useTestSlack } from '../test-support/slack-fixture.js';
import { FakeSlack } from './fake-slack.js';

/** The fake as seen by the official client, with the options production code would pass. */
describe('FakeSlack with @slack/web-api WebClient', () => {
  const { WebClient } = slackWebApi();
  const slack = useTestSlack(
    new FakeSlack({ oauth: { clientId: '111.222', clientSecret: 'shh', appId: 'A0CHATOPS1' } }),
  );
  const client = (token?: string, options: Record<string, unknown> = {}) =>
    new WebClient(token, {
      slackApiUrl: `${slack.url}/api/`,
      retryConfig: { retries: 0 },
      logLevel: 'error',
      ...options,
    });

  it('serves auth.test and chat.postMessage with nested blocks and attachments', async () => {
    const web = client(BOT_TOKEN);
    await expect(web.auth.test()).resolves.toMatchObject({ ok: true, team_id: TEAM_ID, user_id: BOT_USER });
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Issue #1* opened' } }];
    const posted = await web.chat.postMessage({
      channel: 'C0GENERAL1',
      text: 'Issue #1 opened',
      blocks,
      attachments: [{ color: '#36a64f', text: 'ctx' }],
    });
    expect(posted).toMatchObject({ ok: true, channel: 'C0GENERAL1', message: { blocks } });
    // WebClient turns the X-OAuth-Scopes header into response metadata.
    expect((posted['response_metadata'] as { scopes: string[] }).scopes).toContain('chat:write');
    const reply = await web.chat.postMessage({ channel: 'C0GENERAL1', text: 'reply', thread_ts: String(posted['ts']) });
    expect(reply['ok']).toBe(true);
    expect(slack.messages('C0GENERAL1').map((m) => [m.text, m.attachments, m.thread_ts])).toEqual([
      ['Issue #1 opened', [{ color: '#36a64f', text: 'ctx' }], undefined],
      ['reply', undefined, posted['ts']],
    ]);
  });

  it('surfaces ok:false errors as platform errors', async () => {
    await expect(client(BOT_TOKEN).chat.postMessage({ channel: 'C0SECRET01', text: 'x' })).rejects.toMatchObject({
      code: 'slack_webapi_platform_error',
      data: { ok: false, error: 'channel_not_found' },
    });
    await expect(client('xoxb-wrong').auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
  });

  it('answers 429 with Retry-After, which WebClient reports as rate limited', async () => {
    slack.failNext('chat.postMessage', 1, { retryAfterSeconds: 7 });
    await expect(
      client(BOT_TOKEN, { rejectRateLimitedCalls: true }).chat.postMessage({ channel: 'general', text: 'x' }),
    ).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
      retryAfter: 7,
    });
  });

  it('lets WebClient retry an injected HTTP 500', async () => {
    slack.failNext('chat.postMessage', 1, { status: 500 });
    const web = client(BOT_TOKEN, { retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 1 } });
    await expect(web.chat.postMessage({ channel: 'general', text: 'after retry' })).resolves.toMatchObject({
      ok: true,
    });
    expect(slack.callCount('chat.postMessage')).toBe(2);
    expect(slack.messages('general').map((m) => m.text)).toEqual(['after retry']);
  });

  it('exchanges an OAuth code with oauth.v2.access and the new bot token works', async () => {
    const code = slack.issueOAuthCode({
      teamId: 'T0NEWTEAM1',
      teamName: 'NewCo',
      botToken: 'xoxb-new',
      botUserId: 'U0NEWBOT01',
      authedUserId: 'U0INSTALL1',
    });
    const web = client();
    await expect(web.oauth.v2.access({ client_id: '111.222', client_secret: 'wrong', code })).rejects.toMatchObject({
      data: { error: 'bad_client_secret' },
    });
    const installed = await web.oauth.v2.access({ client_id: '111.222', client_secret: 'shh', code });
    expect(installed).toMatchObject({
      ok: true,
      access_token: 'xoxb-new',
      token_type: 'bot',
      bot_user_id: 'U0NEWBOT01',
      app_id: 'A0CHATOPS1',
      team: { id: 'T0NEWTEAM1', name: 'NewCo' },
      enterprise: null,
      authed_user: { id: 'U0INSTALL1' },
    });
    await expect(web.oauth.v2.access({ client_id: '111.222', client_secret: 'shh', code })).rejects.toMatchObject({
      data: { error: 'invalid_code' },
    });
    await expect(client('xoxb-new').auth.test()).resolves.toMatchObject({
      team_id: 'T0NEWTEAM1',
      user_id: 'U0NEWBOT01',
    });
  });
});
