import { createHash } from 'node:crypto';
import { USERS, useTestGitLab } from '../test-support/gitlab-fixture.js';
import { FakeGitLab } from './fake-gitlab.js';

const CLIENT = {
  clientId: 'chatops-app',
  clientSecret: 'gloas-secret',
  redirectUri: 'https://chatops.example/oauth/gitlab/callback',
};
const VERIFIER = 'a-verifier-that-is-long-enough-for-pkce-0123456789';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

describe('FakeGitLab OAuth 2 (authorization code + PKCE, refresh)', () => {
  let clock = 1_700_000_000_000;
  const gitlab = useTestGitLab(new FakeGitLab({ now: () => clock }));

  const authorize = async (params: Record<string, string> = {}) => {
    const query = new URLSearchParams({
      client_id: CLIENT.clientId,
      redirect_uri: CLIENT.redirectUri,
      response_type: 'code',
      state: 'xyz',
      scope: 'api',
      code_challenge: CHALLENGE,
      code_challenge_method: 'S256',
      ...params,
    });
    return fetch(`${gitlab.url}/oauth/authorize?${query}`, { redirect: 'manual' });
  };
  const token = async (params: Record<string, string>) => {
    const res = await fetch(`${gitlab.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, ...params }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  /** The authorization-code grant for `code`, as chatops sends it; `params` changes or adds fields. */
  const exchange = (code: string, params: Record<string, string> = {}) =>
    token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: CLIENT.redirectUri,
      code_verifier: VERIFIER,
      ...params,
    });
  const codeFrom = (res: Response) => new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';

  beforeEach(() => {
    gitlab.addOAuthApplication(CLIENT);
    gitlab.setBrowserUser(USERS.dev);
  });

  it('redirects with code and state, refuses unknown clients and redirect URIs', async () => {
    const ok = await authorize();
    expect(ok.status).toBe(302);
    const location = new URL(ok.headers.get('location') ?? '');
    expect([location.origin + location.pathname, location.searchParams.get('state')]).toEqual([
      CLIENT.redirectUri,
      'xyz',
    ]);
    expect(location.searchParams.get('code')).toMatch(/^[0-9a-f]{64}$/);
    expect((await authorize({ client_id: 'nope' })).status).toBe(400);
    expect((await authorize({ redirect_uri: 'https://evil.example/cb' })).status).toBe(400);
    expect(new URL((await authorize({ scope: 'sudo' })).headers.get('location') ?? '').searchParams.get('error')).toBe(
      'invalid_scope',
    );
    gitlab.setBrowserUser(null);
    expect((await authorize()).headers.get('location')).toBe(`${gitlab.url}/users/sign_in`);
  });

  it('exchanges a code once, checking secret, redirect_uri and the PKCE verifier', async () => {
    const code = codeFrom(await authorize());
    expect(await exchange(code, { client_secret: 'wrong' })).toMatchObject({
      status: 401,
      body: { error: 'invalid_client' },
    });
    expect(await exchange(code, { code_verifier: 'wrong-verifier' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
    const issued = await exchange(code);
    expect(issued).toMatchObject({
      status: 200,
      body: {
        token_type: 'Bearer',
        expires_in: 7200,
        scope: 'api',
        created_at: 1_700_000_000,
        access_token: expect.any(String),
        refresh_token: expect.any(String),
      },
    });
    expect(await exchange(code)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });

    const me = await fetch(`${gitlab.url}/api/v4/user`, {
      headers: { authorization: `Bearer ${String(issued.body['access_token'])}` },
    });
    expect(await me.json()).toMatchObject({ id: USERS.dev, username: 'dev' });
  });

  it('rotates refresh tokens and reports expired access tokens', async () => {
    const code = codeFrom(await authorize());
    const first = (await exchange(code)).body;
    const access = String(first['access_token']);
    gitlab.expireAccessToken(access);
    const expired = await fetch(`${gitlab.url}/api/v4/user`, { headers: { authorization: `Bearer ${access}` } });
    expect([expired.status, ((await expired.json()) as { error: string }).error]).toEqual([401, 'invalid_token']);

    // Basic auth for the client, as many OAuth libraries send it.
    const basic = `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64')}`;
    const res = await fetch(`${gitlab.url}/oauth/token`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: first['refresh_token'] }),
    });
    const second = (await res.json()) as Record<string, unknown>;
    expect(res.status).toBe(200);
    expect(second['refresh_token']).not.toBe(first['refresh_token']);
    expect(
      (
        await fetch(`${gitlab.url}/api/v4/user`, {
          headers: { authorization: `Bearer ${String(second['access_token'])}` },
        })
      ).status,
    ).toBe(200);
    expect(await token({ grant_type: 'refresh_token', refresh_token: String(first['refresh_token']) })).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });

    clock += 7200 * 1000;
    expect(
      (
        await fetch(`${gitlab.url}/api/v4/user`, {
          headers: { authorization: `Bearer ${String(second['access_token'])}` },
        })
      ).status,
    ).toBe(401);
  });
});
