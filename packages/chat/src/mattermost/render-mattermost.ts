import { type ChatMessage } from '../message/chat-message';
import { renderAttachment, type TextFormat } from '../render/render-attachment';
import { type MattermostMessageBody } from './mattermost-message';
import { mattermostText } from './mattermost-text';
import { mattermostButtonAttachment } from './render-mattermost-buttons';

/**
 * A message for Mattermost: it renders markdown, so links stay as written, with `@channel`,
 * `@all` and `@here` broken everywhere else (text from GitLab pings nobody); buttons follow as an
 * attachment's actions.
 */
export function renderMattermostMessage(message: ChatMessage): MattermostMessageBody {
  // Mattermost renders markdown in any case, so verbatim texts are made safe alike.
  const format: TextFormat = { markup: mattermostText, plain: mattermostText };
  const body: MattermostMessageBody = {};
  if (message.text !== undefined) body.text = format.markup(message.text);
  if (message.attachments?.length) body.attachments = message.attachments.map((a) => renderAttachment(a, format));
  if (message.buttons?.items.length)
    body.attachments = [...(body.attachments ?? []), mattermostButtonAttachment(message.buttons)];
  return body;
}
