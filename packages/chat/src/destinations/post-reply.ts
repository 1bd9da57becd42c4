import { ChatProviderError } from '../chat-provider-error';
import { type ChatReply, isEmptyMessage } from '../message/chat-message';
import { type ChatPlatform } from '../platform';
import { type ResponseUrlReplier } from './response-url-replier';

/** Waits between tries of posting a reply; only the post is repeated, never what it reports. */
const RETRY_DELAYS_MS = [500, 2000, 5000];

/** How posting a reply went: not posted means the response URL refused it for good, or kept failing. */
export type ReplyOutcome = { posted: true } | { posted: false; error: unknown; attempts: number };

/**
 * Posts a reply to a command's response_url, retrying what may pass (5xx, network, 429 after its
 * Retry-After, at most 10 s). A rejected post (the URL expired or was used five times) is not
 * retried. An empty reply is not posted (a response_url refuses an empty message).
 */
export async function postReply(
  replier: ResponseUrlReplier,
  target: { provider: ChatPlatform; responseUrl: string },
  reply: ChatReply,
): Promise<ReplyOutcome> {
  if (isEmptyMessage(reply)) return { posted: true };
  for (let attempt = 0; ; attempt += 1) {
    try {
      await replier.reply(target.provider, target.responseUrl, reply);
      return { posted: true };
    } catch (error) {
      const retryable = error instanceof ChatProviderError && error.retryable;
      const delay = RETRY_DELAYS_MS[attempt];
      if (!retryable || delay === undefined) return { posted: false, error, attempts: attempt + 1 };
      const wait =
        error instanceof ChatProviderError && error.retryAfterMs !== undefined
          ? Math.min(error.retryAfterMs, 10_000)
          : delay;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
