import { type ChatAttachment } from '../message/chat-message';
import { type SlackAttachment } from '../slack/slack-message';

/**
 * A neutral attachment in the Slack attachment shape, which Mattermost accepts as is. `format`
 * turns the markdown links of every text part (fallback, pretext, text, field values) into the
 * platform's link syntax: Slack's `<url|label>`, or markdown left alone for Mattermost. A field
 * marked verbatim is shown as written.
 */
export function renderAttachment(attachment: ChatAttachment, format: (text: string) => string): SlackAttachment {
  const out: SlackAttachment = {};
  if (attachment.fallback !== undefined) out.fallback = format(attachment.fallback);
  if (attachment.color !== undefined) out.color = attachment.color;
  if (attachment.pretext !== undefined) out.pretext = format(attachment.pretext);
  if (attachment.authorName !== undefined) out.author_name = attachment.authorName;
  if (attachment.authorIcon !== undefined) out.author_icon = attachment.authorIcon;
  if (attachment.authorLink !== undefined) out.author_link = attachment.authorLink;
  if (attachment.title !== undefined) out.title = attachment.title;
  if (attachment.titleLink !== undefined) out.title_link = attachment.titleLink;
  if (attachment.text !== undefined) out.text = format(attachment.text);
  if (attachment.fields !== undefined) {
    out.fields = attachment.fields.map(({ verbatim, ...field }) => ({
      ...field,
      value: verbatim ? field.value : format(field.value),
    }));
  }
  if (attachment.footer !== undefined) out.footer = attachment.footer;
  if (attachment.footerIcon !== undefined) out.footer_icon = attachment.footerIcon;
  if (attachment.ts !== undefined) out.ts = attachment.ts;
  if (attachment.markdownIn !== undefined) out.mrkdwn_in = [...attachment.markdownIn];
  return out;
}
