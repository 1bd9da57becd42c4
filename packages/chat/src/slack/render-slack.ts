import { type NotificationMessage } from '@chatops/messages';
import { renderAttachment } from '../render-attachment';
import { formatSlackLinks } from './link-formatter';
import { type SlackMessageBody } from './slack-message';

/** The Slack body for a notification, as GitLab posts it (mrkdwn text, legacy attachments). */
export function renderSlackMessage(message: NotificationMessage): SlackMessageBody {
  const body: SlackMessageBody = { text: formatSlackLinks(message.text), unfurl_links: false, unfurl_media: false };
  if (message.attachments.length > 0)
    body.attachments = message.attachments.map((a) => renderAttachment(a, formatSlackLinks));
  return body;
}
