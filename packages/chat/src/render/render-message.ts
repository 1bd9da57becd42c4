import { type MattermostMessageBody, type MattermostReplyBody } from '../mattermost/mattermost-message';
import { renderMattermostMessage } from '../mattermost/render-mattermost';
import { type ChatMessage, type ChatReply } from '../message/chat-message';
import { type ChatPlatform } from '../platform';
import { renderSlackMessage } from '../slack/render-slack';
import { type SlackMessageBody, type SlackReplyBody } from '../slack/slack-message';

/** A rendered message, tagged with the platform whose syntax it is in. */
export type ProviderBody =
  { platform: 'slack'; message: SlackMessageBody } | { platform: 'mattermost'; message: MattermostMessageBody };

export interface RenderOptions {
  /** Post under this name instead of the app's (GitLab's "Username" setting). */
  username?: string | null;
  /** GitLab's notifications ask Slack not to unfurl their links; pass false to do the same. */
  unfurl?: boolean;
}

/** A message in the platform's own syntax. */
export function renderMessage(platform: ChatPlatform, message: ChatMessage, options: RenderOptions = {}): ProviderBody {
  if (platform === 'slack') {
    const body = renderSlackMessage(message);
    if (options.unfurl === false) Object.assign(body, { unfurl_links: false, unfurl_media: false });
    if (options.username) body.username = options.username;
    return { platform, message: body };
  }
  const body = renderMattermostMessage(message);
  if (options.username) body.username = options.username;
  return { platform, message: body };
}

/** A slash command's reply as the platform's response URL takes it. */
export function renderReply(platform: ChatPlatform, reply: ChatReply): SlackReplyBody | MattermostReplyBody {
  const rendered = renderMessage(platform, reply).message;
  return {
    response_type: reply.visibility,
    ...rendered,
    ...(reply.replaceOriginal !== undefined ? { replace_original: reply.replaceOriginal } : {}),
  };
}

/**
 * A notification as GitLab posts it: under the integration's username, with Slack's link
 * unfurling off.
 */
export function renderNotification(
  platform: ChatPlatform,
  message: ChatMessage,
  options: { username?: string | null } = {},
): ProviderBody {
  return renderMessage(platform, message, { ...options, unfurl: false });
}
