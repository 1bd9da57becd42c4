import { OAuthGrantRejected } from '@chatops/identity';
import { type FastifyReply, type FastifyRequest, type preHandlerAsyncHookHandler } from 'fastify';
import { buildContext, type ContextDeps } from './context';
import { CONSOLE_PREFIX, type ConsoleOptions } from './options';
import { type GitLabTokenState } from './auth/session-data';

/** A GitLab token this close to its expiry is refreshed before use. */
const REFRESH_MARGIN_MS = 60_000;

function toSignIn(request: FastifyRequest, reply: FastifyReply, notice: string): FastifyReply {
  request.session.regenerate();
  request.session.set('notice', notice);
  const returnTo = request.method === 'GET' ? request.url : `${CONSOLE_PREFIX}/`;
  return reply.redirect(`${CONSOLE_PREFIX}/auth/sign-in?returnTo=${encodeURIComponent(returnTo)}`, 303);
}

/**
 * Every page but sign-in: a live session (its own expiry, not only the cookie's), a GitLab token
 * refreshed when near its end, and the request's console context. Anything else goes to sign-in.
 */
export function requireUser(options: ConsoleOptions, deps: ContextDeps): preHandlerAsyncHookHandler {
  const now = options.now ?? Date.now;
  return async (request, reply) => {
    const user = request.session.get('user');
    const token = request.session.get('gitlabToken');
    const expiresAt = request.session.get('expiresAt');
    if (!user || !token || !expiresAt) return toSignIn(request, reply, 'Sign in to continue.');
    if (expiresAt <= now()) return toSignIn(request, reply, 'Your session expired: sign in again.');
    let live: GitLabTokenState = token;
    if (token.expiresAt !== null && token.expiresAt - REFRESH_MARGIN_MS <= now()) {
      if (!token.refreshToken) return toSignIn(request, reply, 'Your GitLab sign-in expired: sign in again.');
      try {
        const fresh = await options.oauth.refresh(token.refreshToken);
        live = {
          accessToken: fresh.accessToken,
          refreshToken: fresh.refreshToken,
          expiresAt: fresh.expiresAt?.getTime() ?? null,
        };
        request.session.set('gitlabToken', live);
      } catch (error) {
        if (error instanceof OAuthGrantRejected)
          return toSignIn(request, reply, 'GitLab no longer accepts your sign-in: sign in again.');
        throw error;
      }
    }
    request.consoleContext = buildContext(deps, request, reply, user, live.accessToken);
  };
}
