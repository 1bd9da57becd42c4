import { type ChatMessage, renderNotification, type SlackMessageBody } from '@chatops/chat';

/** A notification exactly as the notifier posts it to Slack. */
export function slackNotification(message: ChatMessage): SlackMessageBody {
  const body = renderNotification('slack', message);
  if (body.platform !== 'slack') throw new Error('Slack rendered a non-Slack body');
  return body.message;
}
