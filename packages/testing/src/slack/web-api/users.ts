import { requiredString, SlackApiError, type SlackMethod, type TokenContext } from './method.js';

function userJson(ctx: TokenContext, userId: string): Record<string, unknown> {
  const { workspace } = ctx;
  const user = workspace.users.get(userId);
  const isBotSelf = user === undefined && userId === workspace.botUserId;
  if (user === undefined && !isBotSelf) throw new SlackApiError('user_not_found');
  const name = user?.name ?? 'chatops';
  const realName = user?.realName ?? name;
  return {
    id: userId,
    team_id: workspace.teamId,
    name,
    deleted: user?.deleted ?? false,
    real_name: realName,
    tz: user?.tz ?? 'Europe/London',
    is_admin: user?.isAdmin ?? false,
    is_owner: false,
    is_bot: isBotSelf || (user?.isBot ?? false),
    is_app_user: false,
    updated: 1_700_000_000,
    profile: {
      real_name: realName,
      display_name: name,
      // Slack only reveals e-mail addresses to tokens holding users:read.email.
      ...(user?.email !== undefined && ctx.grant.scopes.has('users:read.email') ? { email: user.email } : {}),
      image_48: `https://avatars.example/${userId}_48.png`,
      team: workspace.teamId,
      ...(isBotSelf ? { bot_id: workspace.botId } : {}),
    },
  };
}

export const userMethods: Record<string, SlackMethod> = {
  'users.info': {
    auth: 'token',
    scopes: ['users:read'],
    run(ctx) {
      return { ok: true, user: userJson(ctx, requiredString(ctx.params, 'user', 'user_not_found')) };
    },
  },
};
