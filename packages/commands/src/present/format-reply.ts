import { formatSlackLinks } from '@chatops/chat';
import { type ChatFlavour, type CommandReply, type ReplyAttachment } from '../types';

/**
 * Presenters write links as markdown, `[label](url)`. For Slack the reply's `text` and each
 * attachment's `pretext` and `text` get Slack's `<url|label>` syntax, exactly the parts GitLab runs
 * its LinkFormatter over (titles, fallbacks and fields stay as written). Mattermost renders
 * markdown, so its replies keep the markdown links.
 */
export function formatReply(reply: CommandReply, flavour: ChatFlavour): CommandReply {
  if (flavour === 'mattermost') return reply;

  const formatted: CommandReply = { ...reply };
  if (reply.text !== undefined) formatted.text = formatSlackLinks(reply.text);
  if (reply.attachments) formatted.attachments = reply.attachments.map(formatAttachment);
  return formatted;
}

function formatAttachment(attachment: ReplyAttachment): ReplyAttachment {
  const formatted: ReplyAttachment = { ...attachment };
  if (attachment.pretext !== undefined) formatted.pretext = formatSlackLinks(attachment.pretext);
  if (attachment.text !== undefined) formatted.text = formatSlackLinks(attachment.text);
  return formatted;
}

/** An ephemeral reply (only the user who typed the command sees it), formatted for the chat. */
export function ephemeral(reply: Omit<CommandReply, 'response_type'>, flavour: ChatFlavour): CommandReply {
  return formatReply({ response_type: 'ephemeral', ...reply }, flavour);
}

/** A reply the whole channel sees, formatted for the chat. */
export function inChannel(reply: Omit<CommandReply, 'response_type'>, flavour: ChatFlavour): CommandReply {
  return formatReply({ response_type: 'in_channel', ...reply }, flavour);
}
