import { type SlackAttachment } from '../slack/slack-message';

/** Mattermost takes Slack's attachment shape, with markdown in text and field values, and buttons as actions. */
export interface MattermostAttachment extends SlackAttachment {
  actions?: MattermostAction[];
}

/** A message button: clicking it POSTs `integration.context` (with the user, channel and team) to `integration.url`. */
export interface MattermostAction {
  /** Letters and digits only (Mattermost routes no other), unique within the post. */
  id: string;
  type: 'button';
  name: string;
  style?: 'primary' | 'danger';
  integration: { url: string; context: Record<string, string> };
}

/** The Mattermost body of one message (incoming webhook, response URL, or a post's message and props). */
export interface MattermostMessageBody {
  text?: string;
  attachments?: MattermostAttachment[];
  username?: string;
  icon_url?: string;
}

/** What a command's response URL takes: a message, who sees it, and whether it replaces the original. */
export interface MattermostReplyBody extends MattermostMessageBody {
  response_type: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
}
