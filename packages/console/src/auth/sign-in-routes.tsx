import { timingSafeEqual } from 'node:crypto';
import { AccessLevel } from '@chatops/gitlab';
import { createPkcePair, randomToken } from '@chatops/identity';
import { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CONSOLE_PREFIX, type ConsoleOptions } from '../options';
import { sendPage } from '../render';
import { ErrorPage, NoAccessPage, SignInPage } from '../pages/simple-pages';

/** Only a path inside the console: a sign-in link must not send anyone elsewhere. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/console(\/[^\\]*)?$/.test(value) && !value.startsWith('//')
    ? value
    : `${CONSOLE_PREFIX}/`;
}

const callbackQuery = z.object({
  code: z.string().min(1).optional(),
  state: z.string().min(1).optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
});

const sameText = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/**
 * Sign-in with GitLab (authorization code + PKCE, `state` kept in the session cookie) and sign-out.
 * Administrators are GitLab's (`is_admin`) plus CONSOLE_ADMINS; anyone else must maintain at
 * least one GitLab project, or is told there is nothing for them here.
 */
export async function signInRoutes(app: FastifyInstance, options: ConsoleOptions): Promise<void> {
  const now = options.now ?? Date.now;
  const admins = new Set(options.consoleAdmins.map((name) => name.toLowerCase()));

  app.get('/auth/sign-in', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const notice = request.session.get('notice');
    request.session.set('notice', undefined);
    return sendPage(reply, <SignInPage notice={notice} returnTo={safeReturnTo(query['returnTo'])} />);
  });

  app.get('/auth/gitlab', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const { verifier, challenge } = createPkcePair();
    const state = randomToken();
    request.session.set('signIn', { state, verifier, returnTo: safeReturnTo(query['returnTo']) });
    return reply.redirect(options.oauth.authorizationUrl(state, challenge), 302);
  });

  app.get('/auth/callback', async (request, reply) => {
    const query = callbackQuery.safeParse(request.query);
    const pending = request.session.get('signIn');
    request.session.set('signIn', undefined);
    const fail = (message: string) => sendPage(reply, <ErrorPage title="Sign-in failed" message={message} />, 400);
    if (!query.success) return fail('GitLab sent back a malformed answer.');
    if (query.data.error)
      return fail(`GitLab refused the sign-in: ${query.data.error_description ?? query.data.error}`);
    if (!pending || !query.data.state || !query.data.code || !sameText(pending.state, query.data.state))
      return fail('This sign-in link is stale or was not started here. Sign in again.');

    const tokens = await options.oauth.exchangeCode(query.data.code, pending.verifier);
    const gitlab = options.gitlab.asUser(tokens.accessToken);
    const account = await gitlab.currentUser();
    const isAdmin = account.is_admin === true || admins.has(account.username.toLowerCase());
    if (!isAdmin && (await gitlab.memberProjects(AccessLevel.Maintainer, 1)).length === 0) {
      request.session.delete();
      return sendPage(reply, <NoAccessPage username={account.username} />, 403);
    }
    // A new session for the new sign-in: nothing from before it (a CSRF secret included) carries over.
    request.session.regenerate();
    request.session.set('user', { id: account.id, username: account.username, name: account.name, isAdmin });
    request.session.set('gitlabToken', {
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresAt: tokens.expiresAt?.getTime() ?? null,
    });
    request.session.set('expiresAt', now() + options.sessionTtlSeconds * 1000);
    return reply.redirect(pending.returnTo, 302);
  });
}
