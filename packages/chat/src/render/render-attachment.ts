import { type ChatAttachment } from '../message/chat-message';
import { type SlackAttachment } from '../slack/slack-message';

/** How a platform writes the two kinds of text in a message. */
export interface TextFormat {
  /** A text with links (message text, fallback, pretext, attachment text, field values). */
  markup(text: string): string;
  /** A text shown as written (titles, author names, footers, field titles, verbatim fields). */
  plain(text: string): string;
}

/**
 * A neutral attachment in the Slack attachment shape, which Mattermost accepts as is. Every text
 * part goes through the platform's format: the parts with links through `markup` (Slack's
 * `<url|label>`, or markdown left as it is for Mattermost), the rest through `plain`; both make
 * what is not a link literal in the platform's syntax. A field marked verbatim is plain.
 */
export function renderAttachment(attachment: ChatAttachment, format: TextFormat): SlackAttachment {
  const out: SlackAttachment = {};
  if (attachment.fallback !== undefined) out.fallback = format.markup(attachment.fallback);
  if (attachment.color !== undefined) out.color = attachment.color;
  if (attachment.pretext !== undefined) out.pretext = format.markup(attachment.pretext);
  if (attachment.authorName !== undefined) out.author_name = format.plain(attachment.authorName);
  if (attachment.authorIcon !== undefined) out.author_icon = attachment.authorIcon;
  if (attachment.authorLink !== undefined) out.author_link = attachment.authorLink;
  if (attachment.title !== undefined) out.title = format.plain(attachment.title);
  if (attachment.titleLink !== undefined) out.title_link = attachment.titleLink;
  if (attachment.text !== undefined) out.text = format.markup(attachment.text);
  if (attachment.fields !== undefined) {
    out.fields = attachment.fields.map(({ verbatim, ...field }) => ({
      ...field,
      title: format.plain(field.title),
      value: verbatim ? format.plain(field.value) : format.markup(field.value),
    }));
  }
  if (attachment.footer !== undefined) out.footer = format.plain(attachment.footer);
  if (attachment.footerIcon !== undefined) out.footer_icon = attachment.footerIcon;
  if (attachment.ts !== undefined) out.ts = attachment.ts;
  if (attachment.markdownIn !== undefined) out.mrkdwn_in = [...attachment.markdownIn];
  return out;
}
