import { type FastifyInstance, type FastifyReply } from 'fastify';
import { isRecord, stringField } from '../../shared/body.js';
import { basicCredentials } from '../../shared/http-auth.js';
import { randomHex } from '../../shared/ids.js';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  CODE_TTL_MS,
  type OAuthApp,
  type OAuthStore,
  verifierMatches,
} from '../oauth-store.js';
import { type GitLabRouteDeps, requestParams } from './context.js';

/** Doorkeeper's error descriptions, which GitLab returns verbatim. */
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  invalid_client:
    'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
  invalid_grant:
    'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
  unsupported_grant_type: 'The authorization grant type is not supported by the authorization server.',
  unsupported_response_type: 'The authorization server does not support this response type.',
  invalid_scope: 'The requested scope is invalid, unknown, or malformed.',
  invalid_request:
    'The request is missing a required parameter, includes an unsupported parameter value, or is otherwise malformed.',
};

class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly status = 400,
    readonly description = DESCRIPTIONS[error] ?? error,
  ) {
    super(error);
  }
}

function errorPage(reply: FastifyReply, message: string): FastifyReply {
  return reply
    .code(400)
    .type('text/html')
    .send(`<!DOCTYPE html><html><body><h1>An error has occurred</h1><p>${message}</p></body></html>`);
}

/**
 * Authorization code flow with PKCE and refresh tokens. /oauth/authorize skips the login and
 * consent screens: the user set with setBrowserUser approves at once.
 */
export function registerOAuthRoutes(app: FastifyInstance, deps: GitLabRouteDeps, oauth: OAuthStore): void {
  const { state } = deps;

  app.get('/oauth/authorize', async (request, reply) => {
    const query = isRecord(request.query) ? request.query : {};
    const param = (name: string) => stringField(query[name]);
    const client = oauth.apps.get(param('client_id') ?? '');
    if (client === undefined) return errorPage(reply, DESCRIPTIONS['invalid_client'] ?? '');
    const redirectUri = param('redirect_uri') ?? '';
    if (!client.redirectUris.includes(redirectUri)) return errorPage(reply, 'The redirect URI included is not valid.');
    const redirect = (values: Record<string, string | undefined>) => {
      const target = new URL(redirectUri);
      for (const [key, value] of Object.entries({ ...values, state: param('state') }))
        if (value !== undefined) target.searchParams.set(key, value);
      return reply.redirect(target.toString(), 302);
    };
    const fail = (error: string) => redirect({ error, error_description: DESCRIPTIONS[error] });

    if (param('response_type') !== 'code') return fail('unsupported_response_type');
    const scopes = (param('scope') ?? client.scopes.join(' ')).split(/[\s+]+/).filter((s) => s !== '');
    if (scopes.length === 0 || !scopes.every((scope) => client.scopes.includes(scope))) return fail('invalid_scope');
    const challenge = param('code_challenge');
    const method = param('code_challenge_method') ?? (challenge === undefined ? undefined : 'plain');
    if (
      (method !== undefined && method !== 'S256' && method !== 'plain') ||
      (method !== undefined && challenge === undefined)
    )
      return fail('invalid_request');
    const user = oauth.browserUserId === undefined ? undefined : state.users.get(oauth.browserUserId);
    if (user === undefined || user.state !== 'active') return reply.redirect(`${deps.baseUrl()}/users/sign_in`, 302);

    const code = randomHex(32);
    oauth.codes.set(code, {
      clientId: client.clientId,
      redirectUri,
      userId: user.id,
      scopes,
      challenge,
      challengeMethod: method === 'S256' ? 'S256' : 'plain',
      issuedAt: state.now(),
      used: false,
    });
    return redirect({ code });
  });

  app.post('/oauth/token', async (request, reply) => {
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    try {
      const params = requestParams(request);
      const param = (name: string) => stringField(params[name]);
      const grantType = param('grant_type');
      if (grantType === undefined)
        throw new OAuthError('invalid_request', 400, 'Missing required parameter: grant_type.');
      const client = authenticateClient(
        oauth,
        request.headers.authorization,
        param('client_id'),
        param('client_secret'),
      );
      if (grantType === 'authorization_code') return issueFromCode(deps, oauth, client, param);
      if (grantType === 'refresh_token') return refresh(deps, oauth, client, param('refresh_token'));
      throw new OAuthError('unsupported_grant_type');
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      return reply.code(error.status).send({ error: error.error, error_description: error.description });
    }
  });

  app.post('/oauth/revoke', async (request) => {
    const token = stringField(requestParams(request)['token']) ?? '';
    const access = state.tokens.get(token);
    if (access?.kind === 'oauth') access.revoked = true;
    const refreshGrant = oauth.refreshTokens.get(token);
    if (refreshGrant !== undefined) refreshGrant.revoked = true;
    // RFC 7009: revocation answers 200 even for unknown tokens.
    return {};
  });
}

function authenticateClient(
  oauth: OAuthStore,
  authorization: string | undefined,
  formId: string | undefined,
  formSecret: string | undefined,
): OAuthApp {
  const basic = basicCredentials(authorization);
  const clientId = basic?.user ?? formId;
  const secret = basic?.password ?? formSecret;
  const client = clientId === undefined ? undefined : oauth.apps.get(clientId);
  if (client === undefined) throw new OAuthError('invalid_client', 401);
  // Public clients (PKCE) send no secret; confidential ones must send the right one.
  if ((client.confidential || secret !== undefined) && secret !== client.clientSecret)
    throw new OAuthError('invalid_client', 401);
  return client;
}

function issueFromCode(
  deps: GitLabRouteDeps,
  oauth: OAuthStore,
  client: OAuthApp,
  param: (name: string) => string | undefined,
): Record<string, unknown> {
  const code = param('code');
  if (code === undefined) throw new OAuthError('invalid_request', 400, 'Missing required parameter: code.');
  const grant = oauth.codes.get(code);
  const valid =
    grant !== undefined &&
    !grant.used &&
    deps.state.now() - grant.issuedAt <= CODE_TTL_MS &&
    grant.clientId === client.clientId &&
    grant.redirectUri === param('redirect_uri') &&
    verifierMatches(grant, param('code_verifier'));
  if (!valid || grant === undefined) throw new OAuthError('invalid_grant');
  grant.used = true;
  return issueTokens(deps, oauth, client.clientId, grant.userId, grant.scopes);
}

function refresh(
  deps: GitLabRouteDeps,
  oauth: OAuthStore,
  client: OAuthApp,
  refreshToken: string | undefined,
): Record<string, unknown> {
  if (refreshToken === undefined)
    throw new OAuthError('invalid_request', 400, 'Missing required parameter: refresh_token.');
  const grant = oauth.refreshTokens.get(refreshToken);
  if (grant === undefined || grant.revoked || grant.clientId !== client.clientId) throw new OAuthError('invalid_grant');
  // Rotation: the refresh token and the access token it accompanied stop working.
  grant.revoked = true;
  const previous = deps.state.tokens.get(grant.accessToken);
  if (previous !== undefined) previous.revoked = true;
  return issueTokens(deps, oauth, client.clientId, grant.userId, grant.scopes);
}

function issueTokens(
  deps: GitLabRouteDeps,
  oauth: OAuthStore,
  clientId: string,
  userId: number,
  scopes: string[],
): Record<string, unknown> {
  const now = deps.state.now();
  const accessToken = randomHex(32);
  const refreshToken = randomHex(32);
  deps.state.addToken(userId, accessToken, { scopes, kind: 'oauth', expiresAt: now + ACCESS_TOKEN_TTL_SECONDS * 1000 });
  oauth.refreshTokens.set(refreshToken, { clientId, userId, scopes, accessToken, revoked: false });
  return {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    refresh_token: refreshToken,
    scope: scopes.join(' '),
    created_at: Math.floor(now / 1000),
  };
}
