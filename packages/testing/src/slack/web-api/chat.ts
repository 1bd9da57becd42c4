import { type SlackMessage } from '../types.js';
import { channelForPosting, visibleChannel } from './channel-access.js';
import { messageContent, optionalBoolean } from './message-content.js';
import { optionalString, requiredString, SlackApiError, type SlackMethod, type TokenContext } from './method.js';

const CHAT_SCOPES = ['chat:write'] as const;
/** chat.postMessage arguments stored on the message as given. */
const OPTIONAL_TEXT_ARGUMENTS = ['username', 'icon_url', 'icon_emoji'] as const;
const OPTIONAL_FLAG_ARGUMENTS = ['unfurl_links', 'unfurl_media', 'reply_broadcast'] as const;

/** The `message` object Slack echoes back after posting or updating. */
export function messageJson(ctx: TokenContext, message: SlackMessage): Record<string, unknown> {
  return {
    type: 'message',
    text: message.text,
    user: message.user,
    ...(message.bot_id === undefined ? {} : { bot_id: message.bot_id, app_id: ctx.workspace.appId }),
    ts: message.ts,
    team: message.team,
    ...(message.attachments === undefined ? {} : { attachments: message.attachments }),
    ...(message.blocks === undefined ? {} : { blocks: message.blocks }),
    ...(message.thread_ts === undefined ? {} : { thread_ts: message.thread_ts }),
    ...(message.username === undefined ? {} : { username: message.username }),
    ...(message.icon_url === undefined ? {} : { icons: { image_48: message.icon_url } }),
    ...(message.edited === undefined ? {} : { edited: message.edited }),
  };
}

/** A thread reply to a reply belongs to the parent's thread, as Slack normalizes it. */
function threadRoot(ctx: TokenContext, channelId: string, threadTs: string | undefined): string | undefined {
  if (threadTs === undefined) return undefined;
  return ctx.state.messages.get(channelId, threadTs)?.thread_ts ?? threadTs;
}

const postMessage: SlackMethod = {
  auth: 'token',
  scopes: CHAT_SCOPES,
  run(ctx) {
    const channel = channelForPosting(ctx, requiredString(ctx.params, 'channel', 'channel_not_found'));
    const content = messageContent(ctx.params);
    const { params, grant } = ctx;
    const message: SlackMessage = {
      channel: channel.id,
      team: channel.teamId,
      ts: ctx.state.messages.nextTs(),
      user: grant.userId,
      ...(grant.kind === 'bot' ? { bot_id: ctx.workspace.botId } : {}),
      ...content,
      via: 'api',
    };
    const threadTs = threadRoot(ctx, channel.id, optionalString(params, 'thread_ts'));
    if (threadTs !== undefined) message.thread_ts = threadTs;
    // Optional arguments are kept only when given, as Slack stores them.
    for (const name of OPTIONAL_TEXT_ARGUMENTS) {
      const value = optionalString(params, name);
      if (value !== undefined) message[name] = value;
    }
    for (const name of OPTIONAL_FLAG_ARGUMENTS) {
      const value = optionalBoolean(params, name);
      if (value !== undefined) message[name] = value;
    }
    if (params['metadata'] !== undefined) message.metadata = params['metadata'];
    ctx.state.messages.add(message);
    return { ok: true, channel: channel.id, ts: message.ts, message: messageJson(ctx, message) };
  },
};

const postEphemeral: SlackMethod = {
  auth: 'token',
  scopes: CHAT_SCOPES,
  run(ctx) {
    const channel = channelForPosting(ctx, requiredString(ctx.params, 'channel', 'channel_not_found'));
    const user = requiredString(ctx.params, 'user', 'user_not_found');
    if (!ctx.workspace.users.has(user)) throw new SlackApiError('user_not_found');
    if (!ctx.state.directory.isMember(channel, user)) throw new SlackApiError('user_not_in_channel');
    const content = messageContent(ctx.params);
    const messageTs = ctx.state.messages.nextTs();
    const threadTs = optionalString(ctx.params, 'thread_ts');
    ctx.state.messages.ephemeral.push({
      channel: channel.id,
      user,
      message_ts: messageTs,
      ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
      ...content,
    });
    return { ok: true, message_ts: messageTs };
  },
};

/** chat.update and chat.delete act on the token's own messages only. */
function ownMessage(ctx: TokenContext, error: string): SlackMessage {
  const channel = visibleChannel(ctx, requiredString(ctx.params, 'channel', 'channel_not_found'));
  const ts = requiredString(ctx.params, 'ts', 'message_not_found');
  const message = ctx.state.messages.get(channel.id, ts);
  if (message === undefined) throw new SlackApiError('message_not_found');
  if (message.user !== ctx.grant.userId) throw new SlackApiError(error);
  return message;
}

const update: SlackMethod = {
  auth: 'token',
  scopes: CHAT_SCOPES,
  run(ctx) {
    const message = ownMessage(ctx, 'cant_update_message');
    const content = messageContent(ctx.params);
    message.text = content.text;
    // Slack keeps fields the update does not mention; an explicit empty list clears them.
    if (ctx.params['attachments'] !== undefined) message.attachments = content.attachments ?? [];
    if (ctx.params['blocks'] !== undefined) message.blocks = content.blocks ?? [];
    message.edited = { user: ctx.grant.userId, ts: ctx.state.messages.nextTs() };
    return {
      ok: true,
      channel: message.channel,
      ts: message.ts,
      text: message.text,
      message: messageJson(ctx, message),
    };
  },
};

const remove: SlackMethod = {
  auth: 'token',
  scopes: CHAT_SCOPES,
  run(ctx) {
    const message = ownMessage(ctx, 'cant_delete_message');
    ctx.state.messages.delete(message.channel, message.ts);
    return { ok: true, channel: message.channel, ts: message.ts };
  },
};

export const chatMethods: Record<string, SlackMethod> = {
  'chat.postMessage': postMessage,
  'chat.postEphemeral': postEphemeral,
  'chat.update': update,
  'chat.delete': remove,
};
