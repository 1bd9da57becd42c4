import { type MessageAttachment, type NotificationMessage } from '@chatops/messages';

/** A Mattermost message attachment (Slack-compatible fields, markdown in text and field values). */
export interface MattermostAttachment {
  fallback?: string;
  color?: string;
  author_name?: string;
  author_icon?: string;
  author_link?: string;
  title?: string;
  title_link?: string;
  text?: string;
  fields?: Array<{ title: string; value: string; short?: boolean }>;
  footer?: string;
  footer_icon?: string;
  ts?: number;
}

/** The Mattermost body for a notification: markdown links stay markdown, which Mattermost renders. */
export interface MattermostMessageBody {
  text: string;
  attachments?: MattermostAttachment[];
  username?: string;
  icon_url?: string;
}

export function renderMattermostMessage(message: NotificationMessage): MattermostMessageBody {
  const body: MattermostMessageBody = { text: message.text };
  if (message.attachments.length > 0) body.attachments = message.attachments.map(renderAttachment);
  return body;
}

function renderAttachment(a: MessageAttachment): MattermostAttachment {
  const out: MattermostAttachment = {};
  if (a.fallback !== undefined) out.fallback = a.fallback;
  if (a.color !== undefined) out.color = a.color;
  if (a.authorName !== undefined) out.author_name = a.authorName;
  if (a.authorIcon !== undefined) out.author_icon = a.authorIcon;
  if (a.authorLink !== undefined) out.author_link = a.authorLink;
  if (a.title !== undefined) out.title = a.title;
  if (a.titleLink !== undefined) out.title_link = a.titleLink;
  if (a.text !== undefined) out.text = a.text;
  if (a.fields !== undefined) out.fields = a.fields;
  if (a.footer !== undefined) out.footer = a.footer;
  if (a.footerIcon !== undefined) out.footer_icon = a.footerIcon;
  if (a.ts !== undefined) out.ts = a.ts;
  return out;
}
