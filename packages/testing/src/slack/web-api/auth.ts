import { basicCredentials } from '../../shared/http-auth.js';
import { randomHex } from '../../shared/ids.js';
import { DEFAULT_BOT_SCOPES } from '../types.js';
import { optionalString, SlackApiError, type ClientContext, type SlackMethod } from './method.js';

/** Slack authorization codes are valid for ten minutes. */
const OAUTH_CODE_TTL_MS = 10 * 60 * 1000;

const authTest: SlackMethod = {
  auth: 'token',
  run(ctx) {
    const { workspace, grant } = ctx;
    return {
      ok: true,
      url: `https://${workspace.domain}.slack.com/`,
      team: workspace.teamName,
      user: workspace.users.get(grant.userId)?.name ?? (grant.kind === 'bot' ? 'chatops' : grant.userId),
      team_id: workspace.teamId,
      user_id: grant.userId,
      ...(grant.kind === 'bot' ? { bot_id: workspace.botId } : {}),
      is_enterprise_install: false,
    };
  },
};

/** Client credentials from HTTP Basic (Slack's preferred way) or from the form. */
function clientCredentials(ctx: ClientContext): { clientId?: string; clientSecret?: string } {
  const basic = basicCredentials(ctx.authorization);
  if (basic !== undefined) return { clientId: basic.user, clientSecret: basic.password };
  return {
    clientId: optionalString(ctx.params, 'client_id'),
    clientSecret: optionalString(ctx.params, 'client_secret'),
  };
}

const oauthV2Access: SlackMethod = {
  auth: 'client',
  run(ctx) {
    const { state, params } = ctx;
    const { clientId, clientSecret } = clientCredentials(ctx);
    const app = state.oauthApp;
    if (app === undefined || clientId !== app.clientId) throw new SlackApiError('invalid_client_id');
    if (clientSecret !== app.clientSecret) throw new SlackApiError('bad_client_secret');
    const grantType = optionalString(params, 'grant_type');
    if (grantType !== undefined && grantType !== 'authorization_code') throw new SlackApiError('invalid_grant_type');
    const code = optionalString(params, 'code');
    const issued = code === undefined ? undefined : state.oauthCodes.get(code);
    if (issued === undefined || issued.used || state.now() - issued.issuedAt > OAUTH_CODE_TTL_MS)
      throw new SlackApiError('invalid_code');
    const install = issued.installation;
    if (install.redirectUri !== undefined && optionalString(params, 'redirect_uri') !== install.redirectUri)
      throw new SlackApiError('bad_redirect_uri');
    issued.used = true;

    const scope = install.scope ?? DEFAULT_BOT_SCOPES.join(',');
    const botToken = install.botToken ?? `xoxb-${randomHex(12)}`;
    const { directory } = state;
    const botUserId = install.botUserId ?? directory.workspaces.get(install.teamId)?.botUserId ?? 'U0FAKEBOT01';
    if (!directory.workspaces.has(install.teamId)) {
      directory.addWorkspace({
        teamId: install.teamId,
        teamName: install.teamName,
        botToken,
        botUserId,
        appId: app.appId,
        scopes: scope.split(','),
      });
    } else {
      // Reinstalling issues a new bot token; earlier ones keep working, as on Slack.
      directory.grantToken({
        token: botToken,
        teamId: install.teamId,
        userId: botUserId,
        kind: 'bot',
        scopes: scope.split(','),
      });
    }
    const authedUserId = install.authedUserId ?? 'U0FAKEUSER1';
    // The installer is a member of the workspace: the app can write to them (a DM) from now on.
    if (!directory.workspace(install.teamId).users.has(authedUserId))
      directory.addUser(install.teamId, { id: authedUserId, name: install.authedUserName ?? authedUserId });
    if (install.userToken !== undefined) {
      directory.grantToken({
        token: install.userToken,
        teamId: install.teamId,
        userId: authedUserId,
        kind: 'user',
        scopes: (install.userScope ?? '').split(','),
      });
    }
    const workspace = directory.workspace(install.teamId);
    return {
      ok: true,
      access_token: botToken,
      token_type: 'bot',
      scope,
      bot_user_id: botUserId,
      app_id: app.appId,
      team: install.enterpriseInstall ? null : { id: install.teamId, name: install.teamName ?? workspace.teamName },
      enterprise:
        install.enterpriseId === undefined
          ? null
          : { id: install.enterpriseId, name: install.enterpriseName ?? install.enterpriseId },
      is_enterprise_install: install.enterpriseInstall === true,
      authed_user: {
        id: authedUserId,
        ...(install.userToken === undefined
          ? {}
          : { scope: install.userScope ?? '', access_token: install.userToken, token_type: 'user' }),
      },
    };
  },
};

/** Revokes the calling token (`test: true` only checks it could), as when an app gives up its install. */
const authRevoke: SlackMethod = {
  auth: 'token',
  run(ctx) {
    const test = ctx.params['test'];
    if (test !== true && test !== 'true' && test !== '1') ctx.grant.revoked = true;
    return { ok: true, revoked: true };
  },
};

/** Checks calling the Web API works at all; echoes its arguments. */
const apiTest: SlackMethod = {
  auth: 'none',
  run(ctx) {
    const error = optionalString(ctx.params, 'error');
    if (error !== undefined) throw new SlackApiError(error, { args: ctx.params });
    return { ok: true, args: ctx.params };
  },
};

export const authMethods: Record<string, SlackMethod> = {
  'api.test': apiTest,
  'auth.test': authTest,
  'auth.revoke': authRevoke,
  'oauth.v2.access': oauthV2Access,
};
