import { type NotificationMessage } from '@chatops/messages';
import { renderAttachment } from '../render-attachment';
import { type SlackAttachment } from '../slack/slack-message';

/** Mattermost takes Slack's attachment shape, with markdown in text and field values. */
export type MattermostAttachment = SlackAttachment;

/** The Mattermost body for a notification: markdown links stay markdown, which Mattermost renders. */
export interface MattermostMessageBody {
  text: string;
  attachments?: MattermostAttachment[];
  username?: string;
  icon_url?: string;
}

const asMarkdown = (text: string) => text;

export function renderMattermostMessage(message: NotificationMessage): MattermostMessageBody {
  const body: MattermostMessageBody = { text: message.text };
  if (message.attachments.length > 0)
    body.attachments = message.attachments.map((a) => renderAttachment(a, asMarkdown));
  return body;
}
