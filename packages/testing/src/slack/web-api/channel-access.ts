import { type SlackChannel } from '../types.js';
import { SlackApiError, type TokenContext } from './method.js';

/** The channel a token may see: private channels and DMs stay invisible to non-members, as on Slack. */
export function visibleChannel(ctx: TokenContext, ref: string): SlackChannel {
  const { directory } = ctx.state;
  const channel = directory.resolveChannel(ctx.workspace.teamId, ref);
  if (channel === undefined) throw new SlackApiError('channel_not_found');
  if (channel.isPrivate && !directory.isMember(channel, ctx.grant.userId)) throw new SlackApiError('channel_not_found');
  return channel;
}

/**
 * Where chat.postMessage may post. A user id opens the bot's DM with that user. Public channels
 * accept non-members only with chat:write.public; private ones are invisible to non-members
 * (Slack answers channel_not_found, not not_in_channel, for those).
 */
export function channelForPosting(ctx: TokenContext, ref: string): SlackChannel {
  const { directory } = ctx.state;
  const isUserRef = /^[UW][A-Z0-9]+$/.test(ref) && ctx.workspace.users.has(ref);
  const channel = isUserRef ? directory.openIm(ctx.workspace.teamId, ctx.grant.userId, ref) : visibleChannel(ctx, ref);
  if (channel.isArchived) throw new SlackApiError('is_archived');
  const member = directory.isMember(channel, ctx.grant.userId);
  if (!channel.isPrivate && !member && !ctx.grant.scopes.has('chat:write.public'))
    throw new SlackApiError('not_in_channel');
  return channel;
}
