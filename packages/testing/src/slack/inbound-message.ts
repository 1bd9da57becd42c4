import { type SlackState } from './slack-state.js';
import { type SlackChannel, type SlackMessage } from './types.js';
import { messageContent } from './web-api/message-content.js';

/**
 * Stores a message that arrived through a webhook or response_url, validated like the Web API
 * does (throws SlackApiError). Both post as the app's bot user.
 */
export function postInbound(
  state: SlackState,
  channel: SlackChannel,
  payload: Record<string, unknown>,
  via: SlackMessage['via'],
): SlackMessage {
  const content = messageContent(payload);
  const workspace = state.directory.workspace(channel.teamId);
  const message: SlackMessage = {
    channel: channel.id,
    team: channel.teamId,
    ts: state.messages.nextTs(),
    user: workspace.botUserId,
    bot_id: workspace.botId,
    ...content,
    via,
  };
  if (typeof payload['thread_ts'] === 'string' && payload['thread_ts'] !== '') message.thread_ts = payload['thread_ts'];
  if (typeof payload['username'] === 'string') message.username = payload['username'];
  if (typeof payload['icon_url'] === 'string') message.icon_url = payload['icon_url'];
  if (typeof payload['icon_emoji'] === 'string') message.icon_emoji = payload['icon_emoji'];
  state.messages.add(message);
  return message;
}
