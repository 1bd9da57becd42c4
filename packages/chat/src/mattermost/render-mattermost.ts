import { type ChatMessage } from '../message/chat-message';
import { renderAttachment } from '../render/render-attachment';
import { type MattermostMessageBody } from './mattermost-message';
import { mattermostButtonAttachment } from './render-mattermost-buttons';

const asMarkdown = (text: string) => text;

/** A message for Mattermost: it renders markdown, so links stay as written; buttons follow as an attachment's actions. */
export function renderMattermostMessage(message: ChatMessage): MattermostMessageBody {
  const body: MattermostMessageBody = {};
  if (message.text !== undefined) body.text = message.text;
  if (message.attachments?.length) body.attachments = message.attachments.map((a) => renderAttachment(a, asMarkdown));
  if (message.buttons?.items.length)
    body.attachments = [...(body.attachments ?? []), mattermostButtonAttachment(message.buttons)];
  return body;
}
