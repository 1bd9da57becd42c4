import { type ChatMessage } from '../message/chat-message';
import { renderAttachment } from '../render/render-attachment';
import { formatSlackLinks } from './link-formatter';
import { slackButtonBlocks } from './render-slack-buttons';
import { type SlackMessageBody } from './slack-message';

const verbatim = (text: string) => text;

/** A message in Slack's syntax: mrkdwn links, legacy attachments, buttons as Block Kit (text kept as the fallback). */
export function renderSlackMessage(message: ChatMessage): SlackMessageBody {
  const format = message.verbatim ? verbatim : formatSlackLinks;
  const body: SlackMessageBody = {};
  if (message.text !== undefined) body.text = format(message.text);
  if (message.attachments?.length) body.attachments = message.attachments.map((a) => renderAttachment(a, format));
  if (message.buttons?.items.length) body.blocks = slackButtonBlocks(body.text, message.buttons);
  return body;
}
