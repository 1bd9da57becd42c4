import { type FastifyInstance } from 'fastify';
import { isRecord, stringField } from '../shared/body.js';
import { randomHex } from '../shared/ids.js';
import { type SlackState } from './slack-state.js';

/** Who is signed in to Slack in the test's browser, and what they answer on the consent screen. */
export interface InstallingUser {
  teamId: string;
  teamName?: string;
  userId: string;
  userName?: string;
  enterpriseId?: string;
  /** Installs org-wide on the Enterprise Grid org `enterpriseId` (the app must allow org deployment). */
  enterpriseInstall?: boolean;
  /** Allow (the default) or Cancel on the consent screen. */
  approve?: boolean;
  /** Scopes the user grants; default: every bot scope asked for. */
  grantScopes?: string[];
}

/**
 * `GET /oauth/v2/authorize`: Slack's consent screen. Checks the app (client_id) and the
 * redirect_uri against the app's registered redirect URLs, as Slack does, then answers as the
 * signed-in user (setInstallingUser) would: back to redirect_uri with a one-time `code` (Allow) or
 * `error=access_denied` (Cancel), `state` passed through. Nobody signed in: a page saying so.
 */
export function registerOAuthAuthorize(app: FastifyInstance, state: SlackState): void {
  app.get('/oauth/v2/authorize', async (request, reply) => {
    const query = isRecord(request.query) ? request.query : {};
    const clientId = stringField(query['client_id']);
    const redirectUri = stringField(query['redirect_uri']);
    const scope = stringField(query['scope']) ?? '';
    const stateParam = stringField(query['state']);
    const oauthApp = state.oauthApp;
    const page = (status: number, text: string) =>
      reply
        .status(status)
        .type('text/html; charset=utf-8')
        .send(`<!DOCTYPE html><html><body><p>${text}</p></body></html>`);
    if (oauthApp === undefined || clientId !== oauthApp.clientId) return page(400, 'invalid_client_id');
    const registered = oauthApp.redirectUrls;
    if (redirectUri === undefined || (registered !== undefined && !registered.includes(redirectUri)))
      return page(400, 'bad_redirect_uri: redirect_uri did not match any configured URIs');
    const user = state.installingUser;
    if (user === undefined) return page(200, 'Sign in to Slack to install this app (no installing user set)');
    const back = new URL(redirectUri);
    if (user.approve === false) {
      back.searchParams.set('error', 'access_denied');
    } else {
      const asked = scope.split(',').filter(Boolean);
      const code = `${Math.floor(state.now() / 1000)}.${randomHex(20)}`;
      state.oauthCodes.set(code, {
        installation: {
          teamId: user.teamId,
          ...(user.teamName === undefined ? {} : { teamName: user.teamName }),
          ...(user.enterpriseId === undefined ? {} : { enterpriseId: user.enterpriseId }),
          ...(user.enterpriseInstall ? { enterpriseInstall: true } : {}),
          authedUserId: user.userId,
          ...(user.userName === undefined ? {} : { authedUserName: user.userName }),
          scope: (user.grantScopes ?? asked).join(','),
          redirectUri,
        },
        issuedAt: state.now(),
        used: false,
      });
      back.searchParams.set('code', code);
    }
    if (stateParam !== undefined) back.searchParams.set('state', stateParam);
    return reply.redirect(back.toString(), 302);
  });
}
