import { type ChatReply, ephemeral } from '@chatops/chat';

/**
 * GitLab refused the change (validation errors such as "Title is too long", or a failed move):
 * a header and one `- ` line per message.
 */
export function actionFailedReply(messages: readonly string[]): ChatReply {
  const text = ['The action was not successful, because:', ...messages.map((m) => `- ${m}`)].join('\n');
  return ephemeral({ text });
}
