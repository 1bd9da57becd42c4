import { type ResponseUrlReplier } from '@chatops/chat';
import { type Db, saveChatIdentity, type SecretBox } from '@chatops/db';
import { fetchCurrentUser, type GitLabAccount, type GitLabClient } from '@chatops/gitlab';
import {
  type GitLabOAuth,
  type LinkRequests,
  OAUTH_CALLBACK_PATH,
  OAuthGrantRejected,
  type OAuthTokens,
} from '@chatops/identity';
import { type FastifyInstance, type FastifyReply } from 'fastify';
import { htmlPage } from './html-page';
import { linkConfirmedReply } from './link-confirmed';

export interface AccountLinkingOptions {
  db: Db;
  box: SecretBox;
  gitlab: GitLabClient;
  oauth: GitLabOAuth;
  links: LinkRequests;
  replier: ResponseUrlReplier;
}

/** Link tokens and OAuth states are 32 random bytes, base64url: anything else is not ours. */
const RANDOM_TOKEN = /^[A-Za-z0-9_-]{43}$/;

const EXPIRED = 'This link has expired or was already used. Run the command again in chat to get a new one.';

/**
 * Account linking, in the browser: `GET /link/gitlab/:token` (the link a chat user was given)
 * starts GitLab's OAuth authorization with PKCE; `GET /oauth/gitlab/callback` finishes it, stores
 * the user's tokens sealed under the chat user that asked for the link, and confirms in chat.
 */
export async function accountLinkingRoutes(app: FastifyInstance, options: AccountLinkingOptions): Promise<void> {
  const page = (reply: FastifyReply, status: number, title: string, message: string) =>
    reply
      .status(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(htmlPage(title, message));

  app.get<{ Params: { token: string } }>('/link/gitlab/:token', async (request, reply) => {
    const { token } = request.params;
    const link = RANDOM_TOKEN.test(token) ? await options.links.peek(token) : null;
    if (link === null) return page(reply, 410, 'Link expired', EXPIRED);
    const { state, codeChallenge } = await options.links.beginAuthorization(token);
    return reply
      .header('cache-control', 'no-store')
      .redirect(options.oauth.authorizationUrl(state, codeChallenge), 302);
  });

  app.get<{ Querystring: Record<string, string | undefined> }>(OAUTH_CALLBACK_PATH, async (request, reply) => {
    const { state, code, error } = request.query;
    const pending =
      typeof state === 'string' && RANDOM_TOKEN.test(state) ? await options.links.finishAuthorization(state) : null;
    if (pending === null) return page(reply, 400, 'Link expired', EXPIRED);
    if (error !== undefined || typeof code !== 'string' || code === '') {
      // The user denied access at GitLab: the link is spent, nothing is stored.
      await options.links.consume(pending.linkToken);
      return page(
        reply,
        400,
        'Not connected',
        'GitLab did not authorize the connection, so your chat account was not connected.',
      );
    }
    const link = await options.links.consume(pending.linkToken);
    if (link === null) return page(reply, 410, 'Link expired', EXPIRED);

    let tokens: OAuthTokens;
    let account: GitLabAccount;
    try {
      tokens = await options.oauth.exchangeCode(code, pending.codeVerifier);
      account = await fetchCurrentUser(options.gitlab, tokens.accessToken);
    } catch (failure) {
      request.log.warn({ err: failure }, 'account link failed at GitLab');
      if (failure instanceof OAuthGrantRejected)
        return page(
          reply,
          400,
          'Not connected',
          'GitLab refused the authorization. Run the command again in chat to get a new link.',
        );
      return page(
        reply,
        503,
        'GitLab unavailable',
        'GitLab could not be reached, so your account was not connected. Run the command again in chat in a minute.',
      );
    }
    await saveChatIdentity(options.db, options.box, {
      provider: link.provider,
      teamId: link.teamId,
      chatUserId: link.chatUserId,
      gitlabUserId: account.id,
      gitlabUsername: account.username,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      tokenExpiresAt: tokens.expiresAt,
    });
    request.log.info({ provider: link.provider, teamId: link.teamId, gitlabUserId: account.id }, 'chat account linked');
    if (link.responseUrl) {
      await options.replier
        .reply(link.provider, link.responseUrl, linkConfirmedReply(account.username))
        .catch((failure: unknown) => {
          request.log.warn({ err: failure }, 'could not confirm the link in chat');
        });
    }
    return page(
      reply,
      200,
      'Connected',
      `Your chat account is now connected to GitLab as @${account.username}. You can close this tab and run your command again.`,
    );
  });
}
