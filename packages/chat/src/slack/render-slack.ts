import { type MessageAttachment, type NotificationMessage } from '@chatops/messages';
import { formatSlackLinks } from './link-formatter';
import { type SlackAttachment, type SlackMessageBody } from './slack-message';

/** The Slack body for a notification, as GitLab posts it (mrkdwn text, legacy attachments). */
export function renderSlackMessage(message: NotificationMessage): SlackMessageBody {
  const body: SlackMessageBody = { text: formatSlackLinks(message.text), unfurl_links: false, unfurl_media: false };
  if (message.attachments.length > 0) body.attachments = message.attachments.map(renderAttachment);
  return body;
}

function renderAttachment(attachment: MessageAttachment): SlackAttachment {
  const out: SlackAttachment = {};
  // GitLab formats every text it puts in an attachment (fallback, text, field values) for Slack.
  if (attachment.fallback !== undefined) out.fallback = formatSlackLinks(attachment.fallback);
  if (attachment.color !== undefined) out.color = attachment.color;
  if (attachment.authorName !== undefined) out.author_name = attachment.authorName;
  if (attachment.authorIcon !== undefined) out.author_icon = attachment.authorIcon;
  if (attachment.authorLink !== undefined) out.author_link = attachment.authorLink;
  if (attachment.title !== undefined) out.title = attachment.title;
  if (attachment.titleLink !== undefined) out.title_link = attachment.titleLink;
  if (attachment.text !== undefined) out.text = formatSlackLinks(attachment.text);
  if (attachment.fields !== undefined) out.fields = attachment.fields.map((f) => ({ ...f, value: formatSlackLinks(f.value) }));
  if (attachment.footer !== undefined) out.footer = attachment.footer;
  if (attachment.footerIcon !== undefined) out.footer_icon = attachment.footerIcon;
  if (attachment.ts !== undefined) out.ts = attachment.ts;
  return out;
}
