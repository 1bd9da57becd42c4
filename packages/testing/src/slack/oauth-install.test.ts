import { type Receiver, startReceiver } from '../test-support/receiver.js';
import { slackWebApi } from '../test-support/real-clients.js';
import { BOT_TOKEN, TEAM_ID, useTestSlack } from '../test-support/slack-fixture.js';
import { FakeSlack } from './fake-slack.js';

const APP = { clientId: '111.222', clientSecret: 'shh', appId: 'A0CHATOPS1' };
const REDIRECT = 'https://chatops.example.com/slack/oauth/callback';

describe('FakeSlack: installing an app with OAuth v2, and losing it', () => {
  const { WebClient } = slackWebApi();
  const slack = useTestSlack(new FakeSlack({ oauth: { ...APP, redirectUrls: [REDIRECT] } }));
  const web = (token?: string) =>
    new WebClient(token, { slackApiUrl: `${slack.url}/api/`, retryConfig: { retries: 0 }, logLevel: 'error' });
  const authorize = (query: Record<string, string>) =>
    fetch(`${slack.authorizeUrl}?${new URLSearchParams(query).toString()}`, { redirect: 'manual' });

  it('sends the installing user back with a one-time code for the scopes asked, and the state', async () => {
    slack.setInstallingUser({ teamId: 'T0NEWTEAM1', teamName: 'New Team', userId: 'U0INSTALL1' });
    const answer = await authorize({
      client_id: APP.clientId,
      scope: 'commands,chat:write',
      redirect_uri: REDIRECT,
      state: 'st4te',
    });
    expect(answer.status).toBe(302);
    const back = new URL(answer.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('st4te');
    const code = back.searchParams.get('code') ?? '';
    const exchange = await web().oauth.v2.access({
      client_id: APP.clientId,
      client_secret: APP.clientSecret,
      code,
      redirect_uri: REDIRECT,
    });
    expect(exchange).toMatchObject({
      ok: true,
      scope: 'commands,chat:write',
      team: { id: 'T0NEWTEAM1', name: 'New Team' },
      authed_user: { id: 'U0INSTALL1' },
      is_enterprise_install: false,
    });
    // The installer can be written to: chat.postMessage to their user id opens the bot's DM.
    const dm = await web(String(exchange.access_token)).chat.postMessage({ channel: 'U0INSTALL1', text: 'hello' });
    expect(dm.ok).toBe(true);
    await expect(
      web().oauth.v2.access({ client_id: APP.clientId, client_secret: APP.clientSecret, code, redirect_uri: REDIRECT }),
    ).rejects.toMatchObject({ data: { error: 'invalid_code' } });
  });

  it('answers access_denied when the user cancels, and refuses unknown apps and redirect URLs', async () => {
    slack.setInstallingUser({ teamId: TEAM_ID, userId: 'U0ALICE001', approve: false });
    const cancelled = await authorize({
      client_id: APP.clientId,
      scope: 'commands',
      redirect_uri: REDIRECT,
      state: 's',
    });
    expect(new URL(cancelled.headers.get('location') ?? '').searchParams.get('error')).toBe('access_denied');
    expect((await authorize({ client_id: 'nope', scope: 'commands', redirect_uri: REDIRECT })).status).toBe(400);
    const elsewhere = await authorize({
      client_id: APP.clientId,
      scope: 'commands',
      redirect_uri: 'https://evil.example',
    });
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.text()).toContain('bad_redirect_uri');
    slack.setInstallingUser(null);
    expect((await authorize({ client_id: APP.clientId, scope: 'commands', redirect_uri: REDIRECT })).status).toBe(200);
  });

  it('revokes a token with auth.revoke (not with test: true), and answers api.test without one', async () => {
    await expect(web(BOT_TOKEN).auth.revoke({ test: true })).resolves.toMatchObject({ ok: true, revoked: true });
    await expect(web(BOT_TOKEN).auth.test()).resolves.toMatchObject({ ok: true });
    await web(BOT_TOKEN).auth.revoke();
    await expect(web(BOT_TOKEN).auth.test()).rejects.toMatchObject({ data: { error: 'token_revoked' } });
    await expect(web().api.test({ foo: 'bar' })).resolves.toMatchObject({ ok: true, args: { foo: 'bar' } });
  });

  describe('events when the app is removed', () => {
    let app: Receiver;
    beforeEach(async () => {
      app = await startReceiver();
      slack.setApp({ signingSecret: 'sign', eventsUrl: `${app.url}/slack/events` });
    });
    afterEach(() => app.close());

    it('uninstallApp revokes the tokens and sends tokens_revoked then app_uninstalled', async () => {
      await slack.uninstallApp(TEAM_ID);
      await expect(web(BOT_TOKEN).auth.test()).rejects.toMatchObject({ data: { error: 'token_revoked' } });
      const events = app.requests.map((r) => JSON.parse(r.body) as { team_id: string; event: Record<string, unknown> });
      expect(events.map((e) => [e.team_id, e.event['type']])).toEqual([
        [TEAM_ID, 'tokens_revoked'],
        [TEAM_ID, 'app_uninstalled'],
      ]);
      expect(events[0]?.event['tokens']).toEqual({ oauth: [], bot: ['U0BOT00001'] });
    });

    it('revokeTokensWithEvent sends tokens_revoked only', async () => {
      await slack.revokeTokensWithEvent(TEAM_ID);
      expect(app.requests.map((r) => (JSON.parse(r.body) as { event: { type: string } }).event.type)).toEqual([
        'tokens_revoked',
      ]);
    });
  });
});
