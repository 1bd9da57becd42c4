import { type MattermostChannel, type MattermostTeam, type MattermostUser } from '../types.js';

/** API shapes as Mattermost v4 returns them (the fields clients read, with their real types). */
export function userJson(user: MattermostUser): Record<string, unknown> {
  return {
    id: user.id,
    create_at: user.createAt,
    update_at: user.createAt,
    delete_at: 0,
    username: user.username,
    auth_data: '',
    auth_service: '',
    email: user.email,
    email_verified: true,
    nickname: '',
    first_name: user.firstName,
    last_name: user.lastName,
    position: '',
    roles: user.roles,
    locale: 'en',
    timezone: { automaticTimezone: '', manualTimezone: '', useAutomaticTimezone: 'true' },
    is_bot: user.isBot,
    ...(user.isBot ? { bot_description: '' } : {}),
    disable_welcome_email: false,
  };
}

export function teamJson(team: MattermostTeam): Record<string, unknown> {
  return {
    id: team.id,
    create_at: team.createAt,
    update_at: team.createAt,
    delete_at: 0,
    display_name: team.displayName,
    name: team.name,
    description: '',
    email: '',
    type: team.type,
    company_name: '',
    allowed_domains: '',
    invite_id: '',
    allow_open_invite: team.type === 'O',
    scheme_id: '',
    group_constrained: false,
    policy_id: null,
  };
}

export function channelJson(channel: MattermostChannel): Record<string, unknown> {
  return {
    id: channel.id,
    create_at: channel.createAt,
    update_at: channel.createAt,
    delete_at: channel.deleteAt,
    team_id: channel.teamId,
    type: channel.type,
    display_name: channel.displayName,
    name: channel.name,
    header: '',
    purpose: '',
    last_post_at: channel.lastPostAt,
    last_root_post_at: channel.lastPostAt,
    total_msg_count: channel.totalMsgCount,
    total_msg_count_root: channel.totalMsgCount,
    extra_update_at: 0,
    creator_id: channel.creatorId,
    scheme_id: null,
    props: null,
    group_constrained: null,
    shared: null,
    policy_id: null,
  };
}
