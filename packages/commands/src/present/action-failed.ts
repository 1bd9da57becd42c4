import { type ChatFlavour, type CommandReply } from '../types';
import { ephemeral } from './format-reply';

/**
 * GitLab refused the change (validation errors such as "Title is too long", or a failed move):
 * a header and one `- ` line per message.
 */
export function actionFailedReply(messages: readonly string[], flavour: ChatFlavour): CommandReply {
  const text = ['The action was not successful, because:', ...messages.map((m) => `- ${m}`)].join('\n');
  return ephemeral({ text }, flavour);
}
