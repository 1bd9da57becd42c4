import { slackId } from '../../shared/ids.js';
import { type SlackChannel } from '../types.js';
import { visibleChannel } from './channel-access.js';
import { optionalBoolean } from './message-content.js';
import { requiredString, SlackApiError, type SlackMethod, type TokenContext } from './method.js';

const READ_SCOPES = ['channels:read', 'groups:read', 'im:read', 'mpim:read'] as const;
const MANAGE_SCOPES = ['channels:manage', 'groups:write'] as const;
const MAX_NAME_LENGTH = 80;

export function channelJson(
  ctx: TokenContext,
  channel: SlackChannel,
  options: { numMembers?: boolean } = {},
): Record<string, unknown> {
  const { directory } = ctx.state;
  if (channel.isIm) {
    const other = [...(channel.members ?? [])].find((id) => id !== ctx.grant.userId) ?? channel.name;
    return {
      id: channel.id,
      created: channel.created,
      is_im: true,
      is_org_shared: false,
      user: other,
      is_user_deleted: false,
      priority: 0,
    };
  }
  const members = channel.members ?? new Set(ctx.workspace.users.keys());
  const topic = { value: '', creator: '', last_set: 0 };
  return {
    id: channel.id,
    name: channel.name,
    is_channel: !channel.isPrivate,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: channel.isPrivate,
    created: channel.created,
    is_archived: channel.isArchived,
    is_general: false,
    unlinked: 0,
    name_normalized: channel.name,
    is_shared: false,
    is_org_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    context_team_id: channel.teamId,
    parent_conversation: null,
    creator: channel.creator,
    is_ext_shared: false,
    shared_team_ids: [channel.teamId],
    is_member: directory.isMember(channel, ctx.grant.userId),
    topic,
    purpose: topic,
    previous_names: [],
    ...(options.numMembers === true ? { num_members: members.size } : {}),
  };
}

/** Slack's channel name rules: required, at most 80 chars, lowercase letters, digits, `-` and `_`. */
export function checkChannelName(name: string): void {
  if (name === '') throw new SlackApiError('invalid_name_required');
  if (name.length > MAX_NAME_LENGTH) throw new SlackApiError('invalid_name_maxlength');
  if (/^[-_]+$/.test(name)) throw new SlackApiError('invalid_name_punctuation');
  if (!/^[a-z0-9_-]+$/.test(name)) throw new SlackApiError('invalid_name_specials');
}

const info: SlackMethod = {
  auth: 'token',
  scopes: READ_SCOPES,
  run(ctx) {
    const channel = visibleChannel(ctx, requiredString(ctx.params, 'channel', 'channel_not_found'));
    return {
      ok: true,
      channel: channelJson(ctx, channel, { numMembers: optionalBoolean(ctx.params, 'include_num_members') === true }),
    };
  },
};

const create: SlackMethod = {
  auth: 'token',
  scopes: MANAGE_SCOPES,
  run(ctx) {
    const name = typeof ctx.params['name'] === 'string' ? ctx.params['name'] : '';
    checkChannelName(name);
    if (ctx.workspace.channelsByName.has(name)) throw new SlackApiError('name_taken');
    const channel = ctx.state.directory.addChannel(
      ctx.workspace.teamId,
      {
        id: slackId('C'),
        name,
        isPrivate: optionalBoolean(ctx.params, 'is_private') === true,
        members: [ctx.grant.userId],
      },
      ctx.grant.userId,
    );
    return { ok: true, channel: channelJson(ctx, channel) };
  },
};

const invite: SlackMethod = {
  auth: 'token',
  scopes: MANAGE_SCOPES,
  run(ctx) {
    const channel = visibleChannel(ctx, requiredString(ctx.params, 'channel', 'channel_not_found'));
    if (channel.isArchived) throw new SlackApiError('is_archived');
    if (channel.isIm) throw new SlackApiError('method_not_supported_for_channel_type');
    const { directory } = ctx.state;
    if (!directory.isMember(channel, ctx.grant.userId)) throw new SlackApiError('not_in_channel');
    const users = requiredString(ctx.params, 'users', 'no_user')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '');
    if (users.length === 0) throw new SlackApiError('no_user');
    for (const userId of users) {
      if (userId === ctx.grant.userId) throw new SlackApiError('cant_invite_self');
      if (!ctx.workspace.users.has(userId)) throw new SlackApiError('user_not_found');
    }
    if (users.length === 1 && users[0] !== undefined && directory.isMember(channel, users[0]))
      throw new SlackApiError('already_in_channel');
    for (const userId of users) directory.addMember(channel, userId);
    return { ok: true, channel: channelJson(ctx, channel) };
  },
};

const join: SlackMethod = {
  auth: 'token',
  scopes: ['channels:join'],
  run(ctx) {
    const channel = visibleChannel(ctx, requiredString(ctx.params, 'channel', 'channel_not_found'));
    if (channel.isPrivate) throw new SlackApiError('method_not_supported_for_channel_type');
    if (channel.isArchived) throw new SlackApiError('is_archived');
    const { directory } = ctx.state;
    if (directory.isMember(channel, ctx.grant.userId)) {
      return {
        ok: true,
        channel: channelJson(ctx, channel),
        warning: 'already_in_channel',
        response_metadata: { warnings: ['already_in_channel'] },
      };
    }
    directory.addMember(channel, ctx.grant.userId);
    return { ok: true, channel: channelJson(ctx, channel) };
  },
};

export const conversationMethods: Record<string, SlackMethod> = {
  'conversations.info': info,
  'conversations.create': create,
  'conversations.invite': invite,
  'conversations.join': join,
};
