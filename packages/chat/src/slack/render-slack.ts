import { type ChatMessage } from '../message/chat-message';
import { renderAttachment, type TextFormat } from '../render/render-attachment';
import { slackButtonBlocks } from './render-slack-buttons';
import { type SlackMessageBody } from './slack-message';
import { slackText } from './slack-text';

/**
 * A message in Slack's syntax: mrkdwn links, every other `&`, `<` and `>` escaped (so text from
 * GitLab mentions nobody), legacy attachments, buttons as Block Kit (text kept as the fallback).
 */
export function renderSlackMessage(message: ChatMessage): SlackMessageBody {
  const mentions = message.mentions ?? [];
  const plain = (text: string) => slackText(text, { links: false, mentions });
  const format: TextFormat = {
    markup: message.verbatim ? plain : (text) => slackText(text, { links: true, mentions }),
    plain,
  };
  const body: SlackMessageBody = {};
  if (message.text !== undefined) body.text = format.markup(message.text);
  if (message.attachments?.length) body.attachments = message.attachments.map((a) => renderAttachment(a, format));
  if (message.buttons?.items.length) body.blocks = slackButtonBlocks(body.text, message.buttons);
  return body;
}
