import {
  type ChatPlatform,
  ChatProviderError,
  type ChatReply,
  isEmptyMessage,
  type ResponseUrlReplier,
} from '@chatops/chat';
import { type Logger } from '@chatops/observability';

/** Waits between tries of posting a reply; the command is not repeated, only the post. */
const RETRY_DELAYS_MS = [500, 2000, 5000];

/**
 * Posts a reply to the command's response_url, retrying what may pass (5xx, network, 429).
 * A rejected post (the URL expired or was used five times) is logged and dropped. An empty reply
 * is not posted.
 */
export async function postReply(
  replier: ResponseUrlReplier,
  target: { provider: ChatPlatform; responseUrl: string },
  reply: ChatReply,
  logger: Logger,
): Promise<boolean> {
  // Slack's `run` reply is GitLab's empty in_channel answer, which only echoes the command in a
  // synchronous response; a response_url refuses an empty message (no_text), so nothing is sent.
  if (isEmptyMessage(reply)) return true;
  for (let attempt = 0; ; attempt += 1) {
    try {
      await replier.reply(target.provider, target.responseUrl, reply);
      return true;
    } catch (error) {
      const retryable = error instanceof ChatProviderError && error.retryable;
      const delay = RETRY_DELAYS_MS[attempt];
      if (!retryable || delay === undefined) {
        logger.warn({ err: error, attempts: attempt + 1 }, 'could not post the command reply');
        return false;
      }
      const wait =
        error instanceof ChatProviderError && error.retryAfterMs !== undefined
          ? Math.min(error.retryAfterMs, 10_000)
          : delay;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
