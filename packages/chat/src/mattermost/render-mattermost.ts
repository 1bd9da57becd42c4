import { type ChatMessage } from '../message/chat-message';
import { renderAttachment } from '../render/render-attachment';
import { type MattermostMessageBody } from './mattermost-message';

const asMarkdown = (text: string) => text;

/** A message for Mattermost: it renders markdown, so links stay as written. */
export function renderMattermostMessage(message: ChatMessage): MattermostMessageBody {
  const body: MattermostMessageBody = {};
  if (message.text !== undefined) body.text = message.text;
  if (message.attachments?.length) body.attachments = message.attachments.map((a) => renderAttachment(a, asMarkdown));
  return body;
}
